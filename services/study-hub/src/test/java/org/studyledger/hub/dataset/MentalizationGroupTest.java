package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MentalizationGroupTest {

    private static List<BigDecimal> values(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(MentalizationGroup.median(values("2.0", "0.5", "1.0"))).isEqualByComparingTo("1.0");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(MentalizationGroup.median(values("2.0", "0.4", "1.2", "0.8"))).isEqualByComparingTo("1.0");
        assertThat(MentalizationGroup.median(values("0.5", "0.6"))).isEqualByComparingTo("0.55");
        assertThat(MentalizationGroup.median(List.of())).isNull();
    }

    @Test
    void aboveTheMedianIsHighAndATieWithItIsLow() {
        Map<String, BigDecimal> odd = new TreeMap<>();
        odd.put("A", new BigDecimal("0.5"));
        odd.put("B", new BigDecimal("1.0"));   // the median itself: LOW
        odd.put("C", new BigDecimal("2.0"));
        odd.put("D", null);                    // no baseline RFQ_u: no group, not counted
        Map<String, String> groups = MentalizationGroup.groups(odd);
        assertThat(groups).containsEntry("A", MentalizationGroup.LOW).containsEntry("B", MentalizationGroup.LOW)
                .containsEntry("C", MentalizationGroup.HIGH).containsEntry("D", null);

        Map<String, BigDecimal> even = new TreeMap<>();   // median (0.8 + 1.2) / 2 = 1.0
        even.put("A", new BigDecimal("0.4"));
        even.put("B", new BigDecimal("0.8"));
        even.put("C", new BigDecimal("1.2"));
        even.put("D", new BigDecimal("2.0"));
        assertThat(MentalizationGroup.groups(even).values()).containsExactly(MentalizationGroup.LOW,
                MentalizationGroup.LOW, MentalizationGroup.HIGH, MentalizationGroup.HIGH);

        Map<String, BigDecimal> ties = new TreeMap<>();   // median of 1, 1, 1, 2 = 1: three tie LOW
        ties.put("A", new BigDecimal("1"));
        ties.put("B", new BigDecimal("1.00"));
        ties.put("C", new BigDecimal("1.0"));
        ties.put("D", new BigDecimal("2"));
        assertThat(MentalizationGroup.groups(ties).values()).containsExactly(MentalizationGroup.LOW,
                MentalizationGroup.LOW, MentalizationGroup.LOW, MentalizationGroup.HIGH);
    }
}
