package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * CHG and PCHG, exactly: CHG = AVAL − BASE; PCHG = 100 × CHG / BASE rounded once to 2 decimals, half away
 * from zero (HALF_UP), null when BASE is missing or 0.
 */
public final class ChangeFromBaseline {
    public static final int PCHG_SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ChangeFromBaseline() {
    }

    public static BigDecimal chg(BigDecimal aval, BigDecimal base) {
        if (aval == null || base == null) {
            return null;
        }
        return aval.subtract(base);
    }

    public static BigDecimal pchg(BigDecimal aval, BigDecimal base) {
        BigDecimal chg = chg(aval, base);
        if (chg == null || base.signum() == 0) {
            return null;
        }
        return chg.multiply(HUNDRED).divide(base, PCHG_SCALE, RoundingMode.HALF_UP);
    }
}
