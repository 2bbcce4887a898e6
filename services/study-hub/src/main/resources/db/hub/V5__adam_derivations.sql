-- ADaM derivations (docs/hub.md "Derivation rules", docs/data-dictionary.md): analysis visits by protocol
-- window with the target-day distance and the analysis record flag in adqs, blood-pressure changes and the
-- subject's CADSS peak in adex, weeks on treatment and the baseline mentalization group in adsl. The
-- analysis-dataset projection is disposable: a rebuild (or a replay after this migration) fills them.

-- ADQS: AVISIT is now the protocol visit whose window holds ADY (UNSCHEDULED outside every window, AVISITN
-- null); VISIT keeps the visit the assessment was recorded for.
ALTER TABLE adqs ALTER COLUMN avisitn DROP NOT NULL;
ALTER TABLE adqs ADD COLUMN visit    VARCHAR(16);
ALTER TABLE adqs ADD COLUMN awtarget INTEGER;
ALTER TABLE adqs ADD COLUMN awtdiff  INTEGER;
ALTER TABLE adqs ADD COLUMN anl01fl  VARCHAR(1);
CREATE INDEX adqs_analysis ON adqs (paramcd, avisit) WHERE anl01fl = 'Y';

-- ADEX: post - pre blood pressure and the subject's peak CADSS total over all sessions.
ALTER TABLE adex ADD COLUMN sbpchg  INTEGER;
ALTER TABLE adex ADD COLUMN dbpchg  INTEGER;
ALTER TABLE adex ADD COLUMN cadsspk NUMERIC;

-- ADSL: weeks on treatment, the subject's CADSS peak and the cohort-dependent mentalization group.
ALTER TABLE adsl ADD COLUMN trtdurw NUMERIC;
ALTER TABLE adsl ADD COLUMN cadsspk NUMERIC;
ALTER TABLE adsl ADD COLUMN mentgrp VARCHAR(16);

-- The analysis dataset's rows are recomputed by a replay; start one by resetting the processor's token.
TRUNCATE dataset_subject, dataset_form, dataset_dose, adsl, adqs, adex;
DELETE FROM token_entry WHERE processor_name = 'analysis-dataset';
