package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelJson#parseInstant} reads what {@link Instant#parse} reads, the same way: the wire's form for instants
 * across the years the format can write, and every other text (other forms, impossible dates and times, leap seconds,
 * non-digits) to the same instant or the same exception message.
 */
class KernelJsonInstantTest {
    @Test
    void theWiresInstantsAreTheJdksInstants() {
        Random random = new Random(13);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    random.nextInt(1000) * 1_000_000);
            String text = KernelJson.INSTANT_FORMAT.format(instant);
            assertThat(KernelJson.parseInstant(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void everythingElseIsReadOrRefusedAsTheJdkDoes() {
        List<String> texts = new ArrayList<>(List.of("2026-01-12T09:30:00.000Z", "0000-01-01T00:00:00.000Z",
                "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000Z", "2026-02-29T12:00:00.000Z",
                "2026-04-31T12:00:00.000Z", "2026-13-01T12:00:00.000Z", "2026-00-01T12:00:00.000Z",
                "2026-01-00T12:00:00.000Z", "2026-01-12T24:00:00.000Z", "2026-01-12T23:60:00.000Z",
                "2026-12-31T23:59:60.000Z", "2026-01-12T09:30:00Z", "2026-01-12T09:30:00.0Z", "2026-01-12T09:30:00.000000Z",
                "2026-01-12T09:30:00.000+01:00", "2026-01-12 09:30:00.000Z", "2026-01-12T09:30:00.00aZ",
                "2026-01-12T09:30:00.000z", "+2026-01-12T09:30:00.000Z", "-001-01-12T09:30:00.000Z", "2026-1-12T09:30:00.000Z",
                "２026-01-12T09:30:00.000Z", "", "2026-01-12T09:30:00.000ZZ"));
        for (String text : texts) {
            assertThat(outcome(() -> KernelJson.parseInstant(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThat(outcome(() -> KernelJson.parseInstant("2026-02-29T12:00:00.000Z"))).startsWith("refused");
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return "instant " + parse.get();
        } catch (RuntimeException e) {
            return "refused " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
