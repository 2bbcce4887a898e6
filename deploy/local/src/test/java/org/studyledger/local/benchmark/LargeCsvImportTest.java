package org.studyledger.local.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The large-file CSV stage's share of the subject id space and its files. */
class LargeCsvImportTest {
    @Test
    void takesOnlyTheIdsTheCohortAndTheFreshnessRunLeaveAndSaysSoWhenTheyDoNotSuffice() {
        // 10 000 subjects over 11 centers: 910 ids each for the cohort, the freshness run's 6 000 events above them
        int lastFresh = FreshnessProbe.lastSubject(200, 30, 11, 911);
        assertThat(lastFresh).isEqualTo(911 + (858 - 1) / 11);
        assertThat(LargeCsvImport.defaultPerCenter(lastFresh)).isEqualTo(999 - lastFresh).isPositive();
        assertThat(LargeCsvImport.defaultPerCenter(FreshnessProbe.lastSubject(200, 30, 3, 335)))
                .isEqualTo(LargeCsvImport.DEFAULT_PER_CENTER);
        LargeCsvImport.checkFits(999 - lastFresh, lastFresh);
        assertThatThrownBy(() -> LargeCsvImport.checkFits(1000 - lastFresh, lastFresh))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs " + (1000 - lastFresh) + " new subject ids per center")
                .hasMessageContaining("--csv-subjects");
    }

    @Test
    void spreadsTheSubjectsOverTheCentersAndWritesOneRowPerEvent() {
        assertThat(LargeCsvImport.spread(List.of("PAV", "MIL", "ROM"), 7)).containsExactly(
                java.util.Map.entry("PAV", 3), java.util.Map.entry("MIL", 2), java.util.Map.entry("ROM", 2));
        String enrolments = LargeCsvImport.enrolments("PAV", 997, 3);
        assertThat(enrolments.lines()).hasSize(1 + 3).element(1).asString().startsWith("PAV-997,2026-01-05,");
        assertThat(enrolments.lines().skip(1)).allSatisfy(l -> assertThat(l.split(",")).hasSize(8));
        String assessments = LargeCsvImport.assessments("PAV", 997, 3);
        assertThat(assessments.lines()).hasSize(1 + 3 * (LargeCsvImport.EVENTS_PER_SUBJECT - 1))
                .element(3).asString().startsWith("PAV-999,T0,MADRS,");
        assertThat(assessments.lines()).allSatisfy(l -> assertThat(l.split(",")).hasSize(15));
    }
}
