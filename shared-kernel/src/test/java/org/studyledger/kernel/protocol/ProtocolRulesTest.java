package org.studyledger.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.validation.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolRulesTest {
    private final DosingRules dosing = Protocol.eskTrd().dosing();
    private final EfficacyCriteria efficacy = Protocol.eskTrd().efficacy();

    @ParameterizedTest(name = "{0} mg allowed = {1}")
    @CsvSource({"0, false", "27, false", "28, true", "29, false", "42, false", "56, true", "84, true", "112, false"})
    void allowedDoses(int mg, boolean allowed) {
        assertThat(dosing.isAllowedDose(mg)).isEqualTo(allowed);
    }

    @Test
    void oneDevicePerTwentyEightMilligrams() {
        assertThat(dosing.devicesFor(28)).isEqualTo(1);
        assertThat(dosing.devicesFor(56)).isEqualTo(2);
        assertThat(dosing.devicesFor(84)).isEqualTo(3);
        assertThat(dosing.minutesBetweenDevices()).isEqualTo(5);
        assertThatThrownBy(() -> dosing.devicesFor(112)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("112 mg is not an allowed dose");
    }

    @ParameterizedTest(name = "{0}/{1} above 140/90 = {2}")
    @CsvSource({"140, 90, false", "141, 90, true", "140, 91, true", "139, 89, false", "120, 95, true", "160, 80, true"})
    void preDoseBloodPressure(int systolic, int diastolic, boolean above) {
        assertThat(dosing.preDoseBpAboveThreshold(systolic, diastolic)).isEqualTo(above);
        assertThat(dosing.preDoseBpAboveThreshold(new BloodPressure(systolic, diastolic))).isEqualTo(above);
    }

    @ParameterizedTest(name = "120/80 → {0}/{1} notable = {2}")
    @CsvSource({
            "160, 80, true",    // +40 systolic, the boundary counts
            "159, 104, false",  // +39 / +24
            "120, 105, true",   // +25 diastolic
            "100, 70, false",   // a fall is not a rise
            "165, 110, true"})
    void notableRise(int systolic, int diastolic, boolean notable) {
        assertThat(dosing.notableBpRise(new BloodPressure(120, 80), new BloodPressure(systolic, diastolic)))
                .isEqualTo(notable);
    }

    @ParameterizedTest(name = "{0} min too short = {1}")
    @CsvSource({"0, true", "119, true", "120, false", "180, false"})
    void monitoring(int minutes, boolean tooShort) {
        assertThat(dosing.monitoringTooShort(minutes)).isEqualTo(tooShort);
    }

    @ParameterizedTest(name = "age {0} starts at {1} mg")
    @CsvSource({"18, 56", "64, 56", "65, 28", "80, 28"})
    void startingDose(int age, int mg) {
        assertThat(dosing.startingDoseMg(age)).isEqualTo(mg);
    }

    @ParameterizedTest(name = "born {0}, first dose on {1}: {2} mg")
    @CsvSource({
            "1962, 2026-12-31, 56",   // reaches 64 in 2026
            "1961, 2026-01-01, 28",   // reaches 65 in 2026, whatever the birthday: the older adult's dose from 1 January
            "1961, 2025-12-31, 56",   // still 64 in 2025
            "1940, 2026-03-02, 28",
            "2008, 2026-03-02, 56"})
    void firstDoseByTheAgeReachedInTheDoseYear(int birthYear, LocalDate doseDate, int mg) {
        assertThat(dosing.firstDoseMg(birthYear, doseDate)).isEqualTo(mg);
    }

    @ParameterizedTest(name = "{0} device(s): the last {1} minutes after the first")
    @CsvSource({"1, 0", "2, 5", "3, 10"})
    void devicesAreFiveMinutesApart(int devices, int minutes) {
        Instant first = Instant.parse("2026-01-12T09:00:00Z");
        assertThat(dosing.administrationSpan(devices)).isEqualTo(Duration.ofMinutes(minutes));
        assertThat(dosing.endOfAdministration(first, devices)).isEqualTo(first.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void aSessionUsesAtLeastOneDevice() {
        assertThatThrownBy(() -> dosing.administrationSpan(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one device");
    }

    @Test
    void theSessionFormsWindowRunsFromTheLastDeviceThroughTheMinimumObservation() {
        Instant first = Instant.parse("2026-01-12T09:00:00Z");
        DosingRules.PostDoseWindow window = dosing.postDoseWindow(first, 3);
        assertThat(window.from()).isEqualTo(Instant.parse("2026-01-12T09:10:00Z"));
        assertThat(window.until()).isEqualTo(Instant.parse("2026-01-12T11:10:00Z"));
        assertThat(window.contains(Instant.parse("2026-01-12T09:09:59Z"))).isFalse();
        assertThat(window.contains(Instant.parse("2026-01-12T09:10:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-01-12T11:10:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-01-12T11:10:01Z"))).isFalse();
    }

    @Test
    void aOneDeviceSessionsFormsMayStartAtTheDose() {
        Instant first = Instant.parse("2026-01-12T09:00:00Z");
        assertThat(dosing.postDoseWindow(first, 1).contains(first)).isTrue();
        assertThat(dosing.postDoseWindow(first, 1).contains(first.minusSeconds(1))).isFalse();
    }

    @ParameterizedTest(name = "baseline {0} → {1}: response = {2}")
    @CsvSource({
            "30, 15, true",    // exactly 50 %
            "30, 16, false",   // 46.7 %
            "31, 15, true",    // 51.6 %
            "31, 16, false",   // 48.4 %
            "30, 0, true",
            "30, 30, false",
            "20, 25, false",   // worse
            "0, 0, false",     // nothing to reduce
            "1, 0, true"})
    void response(int baseline, int value, boolean response) {
        assertThat(efficacy.isResponse(baseline, value)).isEqualTo(response);
        assertThat(efficacy.isResponse(BigDecimal.valueOf(baseline), BigDecimal.valueOf(value))).isEqualTo(response);
    }

    @Test
    void responseWithDecimalScoresIsExact() {
        assertThat(efficacy.isResponse(new BigDecimal("2.5000"), new BigDecimal("1.2500"))).isTrue();
        assertThat(efficacy.isResponse(new BigDecimal("2.5000"), new BigDecimal("1.2501"))).isFalse();
    }

    @ParameterizedTest(name = "MADRS {0}: remission = {1}")
    @CsvSource({"0, true", "10, true", "11, false", "12, false"})
    void remissionAtTheProtocolThreshold(int value, boolean remission) {
        assertThat(efficacy.remissionMaxScore()).isEqualByComparingTo("10");
        assertThat(efficacy.isRemission(value)).isEqualTo(remission);
    }

    @ParameterizedTest(name = "MADRS {0}: remission (≤ 12) = {1}")
    @CsvSource({"10, true", "12, true", "13, false"})
    void remissionWithACustomThreshold(int value, boolean remission) {
        assertThat(efficacy.isRemission(value, 12)).isEqualTo(remission);
        assertThat(efficacy.isRemission(BigDecimal.valueOf(value), BigDecimal.valueOf(12))).isEqualTo(remission);
    }

    @Test
    void negativeScoresAreRejected() {
        assertThatThrownBy(() -> efficacy.isResponse(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> efficacy.isRemission(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PressureLimit(-1, 80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDoseIsJudgedByItsAmountFirstAndThenByItsDevices() {
        assertThat(dosing.doseProblem(56, 2)).isEmpty();
        assertThat(dosing.doseProblem(70, 3)).contains(
                new Problem("dose_mg", "70 mg is not an allowed dose (allowed: [28, 56, 84] mg)"));
        assertThat(dosing.doseProblem(84, 2)).contains(new Problem("devices", "84 mg takes 3 devices of 28 mg, not 2"));
    }

    @Test
    void flagsAreTheRulesThatHoldInDeclarationOrder() {
        assertThat(dosing.flagsFor(new BloodPressure(128, 82), new BloodPressure(149, 90), 120)).isEmpty();
        assertThat(dosing.flagsFor(new BloodPressure(144, 88), new BloodPressure(186, 104), 100)).containsExactly(
                DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD, DoseFlag.NOTABLE_BP_RISE, DoseFlag.MONITORING_SHORT);
        assertThat(dosing.flagsFor(new BloodPressure(120, 80), new BloodPressure(160, 80), 120))
                .containsExactly(DoseFlag.NOTABLE_BP_RISE);
        assertThat(dosing.flagsFor(new BloodPressure(120, 80), new BloodPressure(120, 80), 119))
                .containsExactly(DoseFlag.MONITORING_SHORT);
        assertThat(dosing.flagsFor(new BloodPressure(141, 80), new BloodPressure(141, 80), 120))
                .containsExactly(DoseFlag.PRE_DOSE_BP_ABOVE_THRESHOLD);
    }
}
