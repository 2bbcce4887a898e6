package org.studyledger.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CohortMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void plan_only_prints_the_statistics_of_the_default_cohort() {
        assertThat(run("--plan-only")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("seed 42, 36 subjects over 3 centers")
                .contains("PAV", "MIL", "ROM")
                .contains("discontinuations 2 (consent withdrawn 1)")
                .contains("M6: responders");
    }

    @Test
    void scales_with_centers_and_subjects_and_writes_the_plan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.json");

        assertThat(run("--seed", "3", "--centers", "5", "--subjects", "50", "--plan-only", "--write-plan", file.toString()))
                .isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("seed 3, 50 subjects over 5 centers", "NAP", "TOR");
        assertThat(Files.readString(file)).startsWith("{\"seed\":3,\"generator\":\"studyledger-cohort/1\"");
    }

    @Test
    void bad_arguments_and_missing_center_urls_exit_with_2() {
        assertThat(run("--subjects")).isEqualTo(2);
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(run("--center-codes", "pav", "--plan-only")).isEqualTo(2);
        assertThat(run("--center-url", "PAV=http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no --center-url for [MIL, ROM]");
    }
}
