package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.studyledger.kernel.instrument.InstrumentCatalogue;
import org.studyledger.kernel.instrument.InstrumentRef;

class ProtocolScheduleTest {
    private final Protocol protocol = Protocol.eskTrd();

    @Test
    void identity() {
        assertThat(protocol.studyId()).isEqualTo("ESK-TRD");
        assertThat(protocol.version()).isEqualTo("1");
        assertThat(Protocol.load("ESK-TRD", "1").visits()).isEqualTo(protocol.visits());
        assertThat(protocol.visits()).extracting(Visit::code).containsExactly("T0", "W1", "M1", "M2", "M3", "M6");
        assertThat(protocol.visits()).extracting(Visit::targetDay).containsExactly(1, 8, 29, 57, 92, 183);
    }

    @Test
    void unknownProtocolOrVisit() {
        assertThatThrownBy(() -> Protocol.load("ESK-TRD", "2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no protocol ESK-TRD version 2");
        assertThatThrownBy(() -> Protocol.load("../x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> protocol.window("M4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no visit M4");
        assertThat(protocol.visit("M4")).isEmpty();
    }

    @Test
    void windows() {
        assertThat(protocol.window("T0")).isEqualTo(new VisitWindow(null, 1));
        assertThat(protocol.window("W1")).isEqualTo(new VisitWindow(5, 11));
        assertThat(protocol.window("M1")).isEqualTo(new VisitWindow(22, 36));
        assertThat(protocol.window("M2")).isEqualTo(new VisitWindow(50, 64));
        assertThat(protocol.window("M3")).isEqualTo(new VisitWindow(78, 106));
        assertThat(protocol.window("M6")).isEqualTo(new VisitWindow(162, 204));
    }

    /** Each window's edges: the last day outside, the first and last inside, the first outside after. */
    @ParameterizedTest(name = "{0}: day {1} in = {2}")
    @CsvSource({
            "T0, -365, true", "T0, -1, true", "T0, 1, true", "T0, 2, false",
            "W1, 4, false", "W1, 5, true", "W1, 11, true", "W1, 12, false",
            "M1, 21, false", "M1, 22, true", "M1, 36, true", "M1, 37, false",
            "M2, 49, false", "M2, 50, true", "M2, 64, true", "M2, 65, false",
            "M3, 77, false", "M3, 78, true", "M3, 106, true", "M3, 107, false",
            "M6, 161, false", "M6, 162, true", "M6, 204, true", "M6, 205, false"})
    void windowEdges(String visit, int day, boolean inside) {
        assertThat(protocol.isInWindow(visit, day)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "day {0} → {1}")
    @CsvSource({
            "-30, T0", "-1, T0", "1, T0", "2, ''", "4, ''", "5, W1", "8, W1", "11, W1", "12, ''",
            "21, ''", "22, M1", "29, M1", "36, M1", "37, ''", "57, M2", "65, ''", "78, M3", "106, M3",
            "161, ''", "183, M6", "204, M6", "205, ''", "400, ''"})
    void nominalVisit(int day, String visit) {
        Optional<String> expected = visit.isEmpty() ? Optional.empty() : Optional.of(visit);
        assertThat(protocol.nominalVisit(day).map(Visit::code)).isEqualTo(expected);
    }

    @Test
    void dayZeroHasNoVisit() {
        assertThatThrownBy(() -> protocol.nominalVisit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> protocol.isInWindow("T0", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"T0", "W1", "M1", "M2", "M3", "M6"})
    void madrsAtEveryVisitCadssAtNone(String visit) {
        assertThat(protocol.isInstrumentScheduled(visit, "MADRS")).isTrue();
        assertThat(protocol.isInstrumentScheduled(visit, "CADSS")).isFalse();
    }

    @ParameterizedTest(name = "{0}: full battery = {1}")
    @CsvSource({"T0, true", "W1, false", "M1, true", "M2, false", "M3, true", "M6, true"})
    void fullBatteryAtBaselineAndMonthsOneThreeSix(String visit, boolean full) {
        for (String instrument : new String[] {"RFQ8", "PSYCHACHE", "CSSRS", "RMET", "AAQ2"}) {
            assertThat(protocol.isInstrumentScheduled(visit, instrument)).as(visit + " " + instrument).isEqualTo(full);
        }
        assertThat(protocol.visit(visit).orElseThrow().instruments()).hasSize(full ? 6 : 1);
    }

    @Test
    void cadssAtEveryDosingSession() {
        assertThat(protocol.dosingSessionInstruments()).containsExactly("CADSS");
        assertThat(protocol.isScheduledAtDosingSession("CADSS")).isTrue();
        assertThat(protocol.isScheduledAtDosingSession("MADRS")).isFalse();
    }

    @Test
    void everyInstrumentVersionTheProtocolNamesIsInTheCatalogue() {
        assertThat(protocol.instruments()).hasSize(7);
        assertThat(protocol.instrument("MADRS")).contains(new InstrumentRef("MADRS", "1"));
        assertThat(protocol.instrument("HAMD")).isEmpty();
        protocol.instruments().values().forEach(ref ->
                assertThat(InstrumentCatalogue.standard().find(ref)).as(ref.toString()).isPresent());
        assertThat(InstrumentCatalogue.standard().find(protocol.instrument("MADRS").orElseThrow())
                .orElseThrow().score(protocol.efficacy().score())).isPresent();
    }
}
