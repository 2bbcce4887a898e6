package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniqueNamesTest {

    @Test
    void databaseNamesAreLowerCasePlainIdentifiersWithinPostgresLimit() {
        String name = UniqueNames.database("Some.Very-Long Test$Class ".repeat(5));

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("t_[a-z0-9_]+_[0-9a-f]{8}");
        assertThat(name).startsWith("t_some_very_long_test_class_");
        assertThat(UniqueNames.database("x")).isNotEqualTo(UniqueNames.database("x"));
        assertThat(UniqueNames.database("!!!")).startsWith("t_test_");
    }

    @Test
    void topicPrefixesUseOnlyDashes() {
        assertThat(UniqueNames.topicPrefix("My_Test.Class")).matches("t-my-test-class-[0-9a-f]{8}-");
    }

    @Test
    void systemPropertiesOverrideAndMayBeSpelledDotted() {
        String name = "STUDYLEDGER_TEST_SAMPLE_SETTING";
        try {
            System.setProperty("studyledger.test.sample.setting", " value ");
            assertThat(Settings.find(name)).hasValueSatisfying(setting -> {
                assertThat(setting.value()).isEqualTo("value");
                assertThat(setting.source()).isEqualTo("system property studyledger.test.sample.setting");
            });
            System.setProperty(name, "exact");
            assertThat(Settings.valueOrNull(name)).isEqualTo("exact");
        } finally {
            System.clearProperty(name);
            System.clearProperty("studyledger.test.sample.setting");
        }
        assertThat(Settings.find(name)).isEmpty();
    }
}
