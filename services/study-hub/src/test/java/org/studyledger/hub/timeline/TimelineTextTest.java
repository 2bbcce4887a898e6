package org.studyledger.hub.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.protocol.Protocol;
import org.studyledger.kernel.protocol.StudyClock;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.DoseAdministered;

class TimelineTextTest {
    private static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");
    private static final ScoringEngine SCORING = ScoringEngine.standard();
    /** First dose at 10:00 in Rome on 2026-01-12: day 1. */
    private static final StudyClock DOSED = StudyClock.of(Protocol.eskTrd(), ZoneId.of("Europe/Rome"),
            Instant.parse("2026-01-12T09:00:00Z"));
    private static final StudyClock NOT_DOSED = StudyClock.of(Protocol.eskTrd(), ZoneId.of("Europe/Rome"), null);

    private static SortedMap<String, Integer> madrs(int... values) {
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("MADRS_%02d".formatted(i + 1), values[i]);
        }
        return items;
    }

    @Test
    void anAssessmentShowsInstrumentVisitDayAndScores() {
        SortedMap<String, Integer> items = madrs(3, 3, 4, 2, 2, 2, 2, 2, 1, 1);
        AssessmentRecorded a = new AssessmentRecorded(AssessmentId.random(), MADRS, "W1", null,
                Instant.parse("2026-01-19T09:00:00Z"), "rater-017", items, SCORING.scoreOrThrow(MADRS, items).scores(), 8,
                false);
        assertThat(TimelineText.recorded(a, DOSED)).isEqualTo("MADRS/1 at W1 (day 8): total 22 (moderate)");
    }

    private static AssessmentRecorded madrsAt(String visit, String at, Integer recordedDay, boolean recordedOutOfWindow) {
        SortedMap<String, Integer> items = madrs(3, 3, 4, 2, 2, 2, 2, 2, 1, 1);
        return new AssessmentRecorded(AssessmentId.random(), MADRS, visit, null, Instant.parse(at), "rater-017", items,
                SCORING.scoreOrThrow(MADRS, items).scores(), recordedDay, recordedOutOfWindow);
    }

    @Test
    void aFormRecordedOutOfWindowBeforeADoseEnteredLateShowsBoth() {
        // recorded before any dose was entered: no study day, W1 out of window; the dose then entered was given on the 12th
        AssessmentRecorded w1 = madrsAt("W1", "2026-01-19T09:00:00Z", null, true);
        assertThat(TimelineText.recorded(w1, NOT_DOSED)).isEqualTo("MADRS/1 at W1: total 22 (moderate); out of window");
        assertThat(TimelineText.recorded(w1, DOSED)).isEqualTo("MADRS/1 at W1 (day 8): total 22 (moderate);"
                + " recorded as out of window; in window by the current first dose");
    }

    @Test
    void aFormRecordedInWindowThatAnEarlierDoseMovesOutShowsBoth() {
        // recorded as day 8 against a first dose on the 12th; a dose given on the 5th, entered later, makes it day 15
        AssessmentRecorded w1 = madrsAt("W1", "2026-01-19T09:00:00Z", 8, false);
        StudyClock earlier = DOSED.withDose(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(TimelineText.recorded(w1, earlier)).isEqualTo("MADRS/1 at W1 (day 15, recorded as day 8): total 22"
                + " (moderate); recorded as in window; out of window by the current first dose");
    }

    @Test
    void aT0FormTakenAfterTheDoseOnDay1IsOutOfWindow() {
        AssessmentRecorded afternoon = madrsAt("T0", "2026-01-12T13:00:00Z", 1, true);
        assertThat(TimelineText.recorded(afternoon, DOSED)).isEqualTo("MADRS/1 at T0 (day 1): total 22 (moderate);"
                + " out of window");
        // a center that judged the window by the day alone recorded it in window
        AssessmentRecorded byDay = madrsAt("T0", "2026-01-12T13:00:00Z", 1, false);
        assertThat(TimelineText.recorded(byDay, DOSED)).isEqualTo("MADRS/1 at T0 (day 1): total 22 (moderate);"
                + " recorded as in window; out of window by the current first dose");
    }

    @Test
    void aCorrectionShowsOldAndNewValuesAndTheReason() {
        SortedMap<String, Integer> before = madrs(3, 3, 4, 2, 2, 2, 2, 2, 1, 1);
        SortedMap<String, Integer> after = madrs(3, 3, 5, 2, 2, 2, 2, 2, 1, 1);
        TimelineText.Form form = new TimelineText.Form("MADRS", "1", "W1", null, before,
                SCORING.scoreOrThrow(MADRS, before).scores());
        AssessmentCorrected c = new AssessmentCorrected(AssessmentId.random(), after,
                SCORING.scoreOrThrow(MADRS, after).scores(), "transcription error");
        assertThat(TimelineText.corrected(form, c))
                .isEqualTo("Correction of MADRS at W1: MADRS_03 4 → 5; total 22 → 23 — reason: transcription error");
        assertThat(TimelineText.changes(form, c)).extracting(TimelineText.Change::field)
                .containsExactly("items.MADRS_03", "scores.MADRS_TOTAL");
    }

    @Test
    void aDoseShowsAmountDevicesPressureAndFlags() {
        DoseAdministered d = new DoseAdministered(DoseId.random(), 3, Instant.parse("2026-01-19T09:00:00Z"), 84, 3,
                new BloodPressure(128, 82), new BloodPressure(141, 90), 100, null, List.of(DoseFlag.MONITORING_SHORT));
        assertThat(TimelineText.dose(d))
                .isEqualTo("Dose session 3: 84 mg (3 devices), BP 128/82 → 141/90, monitored 100 min, flags: MONITORING_SHORT");
    }
}
