package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/** A protocol file that loads is one whose schedule and rules are consistent; every fault is named. */
class ProtocolDefinitionTest {

    private static String eskTrd() throws IOException {
        try (InputStream in = Protocol.class.getResourceAsStream("esk-trd-1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBundledFileParsesToTheSameProtocol() throws IOException {
        Protocol parsed = Protocol.fromJson(eskTrd());
        assertThat(parsed.visits()).isEqualTo(Protocol.eskTrd().visits());
        assertThat(parsed.dosing()).isEqualTo(Protocol.eskTrd().dosing());
        assertThat(parsed.efficacy()).isEqualTo(Protocol.eskTrd().efficacy());
    }

    @Test
    void everyProblemInTheFileIsReported() throws IOException {
        String broken = eskTrd()
                .replace("\"target_day\": 57, \"window\": {\"days_before\": 7", "\"target_day\": 57, \"window\": {\"days_before\": 22")
                .replace("\"code\": \"M6\", \"label\": \"Month 6\", \"target_day\": 183", "\"code\": \"M6\", \"label\": \"Month 6\", \"target_day\": 0")
                .replace("\"instruments\": [\"MADRS\"]},\n    {\"code\": \"M1\"", "\"instruments\": [\"HAMD\"]},\n    {\"code\": \"M1\"")
                .replace("\"allowed_doses_mg\": [28, 56, 84]", "\"allowed_doses_mg\": [28, 50, 84]")
                .replace("\"day1_dose_mg\": 56", "\"day1_dose_mg\": 42")
                .replace("\"response_min_reduction_percent\": 50", "\"response_min_reduction_percent\": 0");

        assertThatThrownBy(() -> Protocol.fromJson(broken))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("visits[1].instruments", "HAMD is not listed in instruments"),
                        new Problem("visits[3].window", "M2 [35, 64] must come after M1 [22, 36] without overlapping it"),
                        new Problem("visits[5].target_day", "must be a study day (not 0: day 1 is the first dose), got 0"),
                        new Problem("dosing.allowed_doses_mg", "must be whole numbers of devices of 28 mg, got 50"),
                        new Problem("dosing.day1_dose_mg", "must be an allowed dose, got 42"),
                        new Problem("efficacy.response_min_reduction_percent", "must be above 0 and at most 100, got 0")));
    }

    @Test
    void everyFieldMustBeWrittenSoAnOpenBoundIsExplicit() throws IOException {
        String missing = eskTrd().replace("\"window\": {\"days_before\": null, \"days_after\": 0}", "\"window\": {\"days_after\": 0}");
        assertThatThrownBy(() -> Protocol.fromJson(missing))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.path()).isEqualTo("visits[0].window.days_before");
                            assertThat(p.message()).contains("Missing");
                        }));
    }

    @Test
    void thresholdsAreReadFromTheFile() throws IOException {
        Protocol stricter = Protocol.fromJson(eskTrd()
                .replace("\"pre_dose_bp_limit\": {\"systolic\": 140", "\"pre_dose_bp_limit\": {\"systolic\": 130")
                .replace("\"remission_max_score\": 10", "\"remission_max_score\": 12"));
        assertThat(stricter.dosing().preDoseBpAboveThreshold(135, 80)).isTrue();
        assertThat(Protocol.eskTrd().dosing().preDoseBpAboveThreshold(135, 80)).isFalse();
        assertThat(stricter.efficacy().isRemission(12)).isTrue();
        assertThat(Protocol.eskTrd().efficacy().isRemission(12)).isFalse();
    }
}
