package org.studyledger.hub.cohortsummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortSummaryTest {
    private static final List<CohortSummary.VisitRef> VISITS = List.of(new CohortSummary.VisitRef("T0", 1),
            new CohortSummary.VisitRef("W1", 8));

    @Test
    void meanAndSampleSdOfASmallSet() {
        // 30, 28, 20: mean 26; deviations 4, 2, -6; squares 16 + 4 + 36 = 56; / (3 - 1) = 28; sqrt 28 = 5.2915…
        List<BigDecimal> values = List.of(BigDecimal.valueOf(30), BigDecimal.valueOf(28), BigDecimal.valueOf(20));
        assertThat(CohortSummary.mean(values)).isEqualTo(new BigDecimal("26.00"));
        assertThat(CohortSummary.sd(values)).isEqualTo(new BigDecimal("5.29"));
        assertThat(CohortSummary.sd(List.of(BigDecimal.ONE))).isNull();
        assertThat(CohortSummary.mean(List.of())).isNull();
        // 15, 20: mean 17.5; sd sqrt(12.5) = 3.5355…
        assertThat(CohortSummary.sd(List.of(BigDecimal.valueOf(15), BigDecimal.valueOf(20))))
                .isEqualTo(new BigDecimal("3.54"));
        assertThat(CohortSummary.percent(1, 3)).isEqualTo(new BigDecimal("33.33"));
        assertThat(CohortSummary.percent(2, 3)).isEqualTo(new BigDecimal("66.67"));
        assertThat(CohortSummary.percent(0, 0)).isNull();
    }

    @Test
    void linesPerGroupAndVisit() {
        List<CohortSummary.Value> values = List.of(
                new CohortSummary.Value("T0", BigDecimal.valueOf(30), null, null, null, "HIGH RFQ_U"),
                new CohortSummary.Value("T0", BigDecimal.valueOf(28), null, null, null, "LOW RFQ_U"),
                new CohortSummary.Value("T0", BigDecimal.valueOf(20), null, null, null, null),
                new CohortSummary.Value("W1", BigDecimal.valueOf(15), new BigDecimal("-50.00"), "Y", "N", "HIGH RFQ_U"),
                new CohortSummary.Value("W1", BigDecimal.valueOf(20), new BigDecimal("-28.57"), "N", "N", "LOW RFQ_U"),
                new CohortSummary.Value("W1", BigDecimal.valueOf(9), null, null, "Y", null));   // no baseline
        List<CohortSummary.Line> lines = CohortSummary.summarise(values, VISITS, List.of("HIGH RFQ_U", "LOW RFQ_U"));
        assertThat(lines).extracting(CohortSummary.Line::group).containsExactly("ALL", "ALL", "HIGH RFQ_U",
                "HIGH RFQ_U", "LOW RFQ_U", "LOW RFQ_U");
        CohortSummary.Line allT0 = lines.get(0);
        assertThat(allT0.n()).isEqualTo(3);
        assertThat(allT0.mean()).isEqualTo(new BigDecimal("26.00"));
        assertThat(allT0.sd()).isEqualTo(new BigDecimal("5.29"));
        assertThat(allT0.respondersPct()).isNull();
        CohortSummary.Line allW1 = lines.get(1);   // 15, 20, 9: mean 14.666… → 14.67; sd sqrt(30.333…) = 5.5075… → 5.51
        assertThat(allW1.n()).isEqualTo(3);
        assertThat(allW1.mean()).isEqualTo(new BigDecimal("14.67"));
        assertThat(allW1.sd()).isEqualTo(new BigDecimal("5.51"));
        assertThat(allW1.responseEvaluated()).isEqualTo(2);
        assertThat(allW1.responders()).isEqualTo(1);
        assertThat(allW1.respondersPct()).isEqualTo(new BigDecimal("50.00"));
        assertThat(allW1.remissionEvaluated()).isEqualTo(3);
        assertThat(allW1.remitters()).isEqualTo(1);
        assertThat(allW1.remittersPct()).isEqualTo(new BigDecimal("33.33"));
        CohortSummary.Line highW1 = lines.get(3);
        assertThat(highW1.n()).isEqualTo(1);
        assertThat(highW1.mean()).isEqualTo(new BigDecimal("15.00"));
        assertThat(highW1.sd()).isNull();
        assertThat(highW1.respondersPct()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void aBaselineOfZeroIsNotResponseEvaluable() {
        // W1: 12 from a baseline of 30 (-60 %, a response), 5 from a baseline of 0 (CRIT1FL N, PCHG null)
        List<CohortSummary.Value> values = List.of(
                new CohortSummary.Value("W1", BigDecimal.valueOf(12), new BigDecimal("-60.00"), "Y", "N", null),
                new CohortSummary.Value("W1", BigDecimal.valueOf(5), null, "N", "Y", null));
        CohortSummary.Line w1 = CohortSummary.summarise(values, VISITS, List.of()).get(1);
        assertThat(w1.n()).isEqualTo(2);
        assertThat(w1.responseEvaluated()).isEqualTo(1);
        assertThat(w1.responders()).isEqualTo(1);
        assertThat(w1.respondersPct()).isEqualTo(new BigDecimal("100.00"));   // 1 of 1, not 1 of 2
        assertThat(w1.remissionEvaluated()).isEqualTo(2);
        assertThat(w1.remitters()).isEqualTo(1);
        assertThat(w1.remittersPct()).isEqualTo(new BigDecimal("50.00"));
    }
}
