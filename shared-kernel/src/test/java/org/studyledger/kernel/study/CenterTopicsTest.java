package org.studyledger.kernel.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CenterTopicsTest {

    private final CenterTopics topics = CenterTopics.of("ESK-TRD");

    @Test
    void aCentersTopicIsPrefixStudyCenterEvents() {
        assertThat(topics.topicOf("PAV")).isEqualTo("studyledger.ESK-TRD.PAV.events");
        assertThat(new CenterTopics("t-x-1a2b-", "ESK-TRD").topicOf("MIL")).isEqualTo("t-x-1a2b-.ESK-TRD.MIL.events");
    }

    @Test
    void everyTopicOfTheStudyStartsWithTheStudyPrefix() {
        assertThat(topics.studyPrefix()).isEqualTo("studyledger.ESK-TRD.");
        assertThat(topics.topicOf("ROM")).startsWith(topics.studyPrefix());
        assertThat(CenterTopics.of("ESK-TRDX").topicOf("PAV")).as("another study, sharing the first letters")
                .doesNotStartWith(topics.studyPrefix());
    }

    @Test
    void thePatternMatchesTheStudysCenterTopicsOnly() {
        assertThat(topics.pattern().matcher("studyledger.ESK-TRD.PAV.events").matches()).isTrue();
        assertThat(topics.pattern().matcher("studyledger.ESK-TRD.MILANOXX.events").matches()).isTrue();
        assertThat(topics.pattern().matcher("studyledger.ESK-TRD.pav.events").matches()).isFalse();
        assertThat(topics.pattern().matcher("studyledger.ESK-TRDX.PAV.events").matches()).isFalse();
        assertThat(topics.pattern().matcher("studyledgerXESK-TRD.PAV.events").matches()).as("the dot is literal").isFalse();
        assertThat(topics.pattern().matcher("studyledger.ESK-TRD.PAV.events.dlq").matches()).isFalse();
    }

    @Test
    void theCenterIsReadBackFromATopic() {
        assertThat(topics.centerOf("studyledger.ESK-TRD.PAV.events")).isEqualTo("PAV");
        assertThat(topics.centerOf("studyledger.OTHER.PAV.events")).isNull();
        assertThat(topics.centerOf("studyledger.ESK-TRD.PAV.log")).isNull();
        assertThat(topics.centerOf("studyledger.ESK-TRD.events")).isNull();
    }
}
