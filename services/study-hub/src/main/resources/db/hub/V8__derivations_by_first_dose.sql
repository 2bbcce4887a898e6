-- Derivations against the subject's current first dose, by time of day (docs/hub.md "Derivation rules"): a value
-- taken at or before the first dose's instant is pre-dose (baseline), one taken after it on day 1 is post-baseline;
-- a dose entered late that was given before forms already recorded moves their study day and window status in
-- every view. The projections these columns belong to are disposable: the replay this migration starts fills them.

-- The replay starts from empty tables (the new NOT NULL column needs them empty), for the three projections whose
-- rows change: the timeline (study day and window status in its text), the subject summary, the analysis dataset.
TRUNCATE timeline_event, timeline_form, subject_summary, summary_form,
         dataset_subject, dataset_form, dataset_dose, adsl, adqs, adex;
DELETE FROM token_entry WHERE processor_name IN ('timeline', 'subject-summary', 'analysis-dataset');

-- Timeline: each subject's first dose known so far (the earliest administered_at), the clock its assessments'
-- study days and window status are told by.
CREATE TABLE timeline_subject (
    subject_id    VARCHAR(16) NOT NULL PRIMARY KEY,
    first_dose_at TIMESTAMPTZ NOT NULL
);
-- Disposable like every projection table: its reset handler truncates it before a replay.
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON timeline_subject TO studyledger_hub_runtime;

-- Subject summary: the visits with a current form outside its window by the current first dose (comma-separated,
-- protocol order).
ALTER TABLE subject_summary ADD COLUMN out_of_window_visits TEXT NOT NULL DEFAULT '';

-- ADQS: the administration instant (ADTM), compared with ADSL.TRTSDTM, the first dose's instant.
ALTER TABLE adqs ADD COLUMN adtm TIMESTAMPTZ NOT NULL;
ALTER TABLE adsl ADD COLUMN trtsdtm TIMESTAMPTZ;
