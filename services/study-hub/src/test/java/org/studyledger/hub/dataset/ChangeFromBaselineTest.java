package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChangeFromBaselineTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void changeIsValueMinusBaseline() {
        assertThat(ChangeFromBaseline.chg(d("19"), d("30"))).isEqualByComparingTo("-11");
        assertThat(ChangeFromBaseline.chg(d("1.6667"), d("1.1667"))).isEqualByComparingTo("0.5");
        assertThat(ChangeFromBaseline.chg(d("19"), null)).isNull();
        assertThat(ChangeFromBaseline.chg(null, d("30"))).isNull();
    }

    @Test
    void percentChangeIsRoundedOnceToTwoDecimalsHalfUp() {
        // -11 / 30 = -36.666… → -36.67
        assertThat(ChangeFromBaseline.pchg(d("19"), d("30"))).isEqualTo(d("-36.67"));
        // 1 / 800 × 100 = 0.125 exactly: half away from zero → 0.13 (HALF_EVEN would give 0.12)
        assertThat(ChangeFromBaseline.pchg(d("801"), d("800"))).isEqualTo(d("0.13"));
        assertThat(ChangeFromBaseline.pchg(d("799"), d("800"))).isEqualTo(d("-0.13"));
        // 1 / 3 = 33.333… → 33.33
        assertThat(ChangeFromBaseline.pchg(d("4"), d("3"))).isEqualTo(d("33.33"));
        // exact halves keep two decimals
        assertThat(ChangeFromBaseline.pchg(d("15"), d("30"))).isEqualTo(d("-50.00"));
        // decimal scores: 0.5 / 1.1667 = 42.8559… → 42.86
        assertThat(ChangeFromBaseline.pchg(d("1.6667"), d("1.1667"))).isEqualTo(d("42.86"));
    }

    @Test
    void noPercentChangeFromAZeroOrMissingBaseline() {
        assertThat(ChangeFromBaseline.pchg(d("5"), BigDecimal.ZERO)).isNull();
        assertThat(ChangeFromBaseline.pchg(d("5"), null)).isNull();
        assertThat(ChangeFromBaseline.chg(d("5"), BigDecimal.ZERO)).isEqualByComparingTo("5");
    }
}
