package org.studyledger.hub.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * An instant as the exports write it, {@code 2026-01-12T09:00:00.000Z}: exactly {@link KernelJson#INSTANT_FORMAT}'s
 * text, without a formatter's cost for the years 1000–9999 (the others go through the formatter). Exports write one
 * or more per row or event, millions per file.
 */
public final class InstantText {
    private InstantText() {
    }

    public static String of(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return KernelJson.INSTANT_FORMAT.format(instant);
        }
        char[] c = new char[24];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, t.getNano() / 1_000_000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
