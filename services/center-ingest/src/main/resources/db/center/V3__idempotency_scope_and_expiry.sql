-- An idempotency key is scoped to its endpoint (method and route) and subject, and expires
-- (studyledger.center.idempotency.retention, counted from recorded_at, which the service now sets from its clock).
ALTER TABLE intake_request ADD COLUMN endpoint VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE intake_request ADD COLUMN subject_id VARCHAR(32) NOT NULL DEFAULT '';

-- Keys recorded before scoping: the response each stored (the recorded event) names its subject and event type,
-- and an event type has one endpoint, so a retry of such a request still replays its response.
UPDATE intake_request
   SET subject_id = COALESCE(response::jsonb ->> 'subject_id', ''),
       endpoint = CASE response::jsonb ->> 'event_type'
           WHEN 'SubjectEnrolled' THEN 'POST /subjects'
           WHEN 'AssessmentRecorded' THEN 'POST /subjects/{subjectId}/assessments'
           WHEN 'AssessmentCorrected' THEN 'POST /subjects/{subjectId}/assessments/{assessmentId}/corrections'
           WHEN 'AssessmentRetracted' THEN 'POST /subjects/{subjectId}/assessments/{assessmentId}/retraction'
           WHEN 'DoseAdministered' THEN 'POST /subjects/{subjectId}/doses'
           WHEN 'DoseWithheld' THEN 'POST /subjects/{subjectId}/withheld-doses'
           WHEN 'AdverseEventReported' THEN 'POST /subjects/{subjectId}/adverse-events'
           WHEN 'SubjectDiscontinued' THEN 'POST /subjects/{subjectId}/discontinuation'
           WHEN 'FollowUpCompleted' THEN 'POST /subjects/{subjectId}/follow-up-completion'
           ELSE '' END
 WHERE status <> 0 AND response LIKE '{%';

ALTER TABLE intake_request DROP CONSTRAINT intake_request_pkey;
ALTER TABLE intake_request ADD PRIMARY KEY (request_id, endpoint, subject_id);
ALTER TABLE intake_request ALTER COLUMN endpoint DROP DEFAULT;
ALTER TABLE intake_request ALTER COLUMN subject_id DROP DEFAULT;
CREATE INDEX intake_request_recorded_at ON intake_request (recorded_at);
