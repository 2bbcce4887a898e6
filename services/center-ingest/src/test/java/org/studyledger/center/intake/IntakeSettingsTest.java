package org.studyledger.center.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The intake's limits and the keys' retention have documented defaults, and a value out of range stops the start. */
class IntakeSettingsTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IntakeProperties.class, IdempotencyProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            IntakeProperties intake = context.getBean(IntakeProperties.class);
            assertThat(intake.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(intake.maxFileSize()).isEqualTo(DataSize.ofMegabytes(16));
            assertThat(intake.maxNestingDepth()).isEqualTo(16);
            assertThat(intake.maxNumberLength()).isEqualTo(50);
            assertThat(intake.maxStringLength()).isEqualTo(10_000);
            IdempotencyProperties idempotency = context.getBean(IdempotencyProperties.class);
            assertThat(idempotency.retention()).isEqualTo(Duration.ofHours(24));
            assertThat(idempotency.purgeInterval()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void settingsAreBoundFromTheirDocumentedNames() {
        runner.withPropertyValues("studyledger.center.intake.max-body-size=2MB",
                        "studyledger.center.intake.max-string-length=500", "studyledger.center.idempotency.retention=48h")
                .run(context -> {
                    assertThat(context.getBean(IntakeProperties.class).maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(context.getBean(IntakeProperties.class).maxStringLength()).isEqualTo(500);
                    assertThat(context.getBean(IdempotencyProperties.class).retention()).isEqualTo(Duration.ofHours(48));
                });
    }

    @Test
    void aLimitOutOfItsRangeStopsTheStart() {
        runner.withPropertyValues("studyledger.center.intake.max-nesting-depth=1")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("maxNestingDepth"));
        runner.withPropertyValues("studyledger.center.intake.max-body-size=0B")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("studyledger.center.idempotency.retention=0s")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("retention must be positive"));
    }
}
