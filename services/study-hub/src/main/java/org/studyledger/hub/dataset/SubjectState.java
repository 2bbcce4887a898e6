package org.studyledger.hub.dataset;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subject's working state in the analysis-dataset projection while a batch applies its events: what
 * {@code dataset_subject}, {@code dataset_form} and {@code dataset_dose} hold, changed in memory, and which of those
 * rows the batch must insert, update or delete when it commits. Not thread-safe; lives for one batch.
 */
final class SubjectState {
    private final boolean stored;
    private final SubjectRecord.Enrolment enrolment;
    private SubjectRecord.Disposition disposition;
    private final LinkedHashMap<String, SubjectRecord.Form> forms;
    private final List<SubjectRecord.Dose> doses;
    private final Set<String> storedForms;
    private final Set<String> touchedForms = new LinkedHashSet<>();
    private final int storedDoses;
    private long lastSequence;
    private final long storedLastSequence;
    private final SubjectRecord.Disposition storedDisposition;

    private SubjectState(boolean stored, SubjectRecord.Enrolment enrolment, SubjectRecord.Disposition disposition,
                         List<SubjectRecord.Form> forms, List<SubjectRecord.Dose> doses, long lastSequence) {
        this.stored = stored;
        this.enrolment = enrolment;
        this.disposition = disposition;
        this.storedDisposition = disposition;
        this.forms = new LinkedHashMap<>();
        forms.forEach(f -> this.forms.put(f.assessmentId(), f));
        this.storedForms = stored ? new HashSet<>(this.forms.keySet()) : Set.of();
        this.doses = new ArrayList<>(doses);
        this.storedDoses = stored ? doses.size() : 0;
        this.lastSequence = lastSequence;
        this.storedLastSequence = stored ? lastSequence : -1;
    }

    /** The state as the tables hold it (forms and doses in order of the sequence that recorded them). */
    static SubjectState stored(SubjectRecord record, long lastSequence) {
        return new SubjectState(true, record.enrolment(), record.disposition(), record.forms(), record.doses(), lastSequence);
    }

    /** A subject enrolled by this batch's event at {@code sequence}. */
    static SubjectState enrolled(SubjectRecord.Enrolment enrolment, long sequence) {
        return new SubjectState(false, enrolment, SubjectRecord.Disposition.NONE, List.of(), List.of(), sequence);
    }

    /**
     * Marks the event at {@code sequence} applied; false when it (or a later event of the subject) already was.
     * Events of a subject arrive in sequence order (one segment per subject), so this makes every handler idempotent.
     */
    boolean claim(long sequence) {
        if (sequence <= lastSequence) {
            return false;
        }
        lastSequence = sequence;
        return true;
    }

    void recordForm(SubjectRecord.Form form) {
        if (forms.putIfAbsent(form.assessmentId(), form) == null) {
            touchedForms.add(form.assessmentId());
        }
    }

    void correctForm(String assessmentId, Map<String, BigDecimal> scores) {
        SubjectRecord.Form f = forms.get(assessmentId);
        if (f != null) {
            forms.put(assessmentId, new SubjectRecord.Form(f.assessmentId(), f.instrument(), f.version(), f.visit(),
                    f.doseSession(), f.administeredAt(), scores, f.sequence()));
            touchedForms.add(assessmentId);
        }
    }

    void retractForm(String assessmentId) {
        if (forms.remove(assessmentId) != null) {
            touchedForms.add(assessmentId);
        }
    }

    void dose(SubjectRecord.Dose dose) {
        if (doses.stream().noneMatch(d -> d.doseId().equals(dose.doseId()))) {
            doses.add(dose);
        }
    }

    void discontinued(SubjectRecord.Disposition d) {
        disposition = new SubjectRecord.Disposition(d.discontinuationDate(), d.discontinuationReason(), d.consentWithdrawn(),
                disposition.completionDate());
    }

    void completed(java.time.LocalDate date) {
        disposition = new SubjectRecord.Disposition(disposition.discontinuationDate(), disposition.discontinuationReason(),
                disposition.consentWithdrawn(), date);
    }

    SubjectRecord record() {
        return new SubjectRecord(enrolment, disposition, List.copyOf(forms.values()), doses);
    }

    String subjectId() {
        return enrolment.subjectId();
    }

    SubjectRecord.Enrolment enrolment() {
        return enrolment;
    }

    SubjectRecord.Disposition disposition() {
        return disposition;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** Whether {@code dataset_subject} holds the subject already (else the batch inserts it). */
    boolean isStored() {
        return stored;
    }

    /** Whether the stored {@code dataset_subject} row must be updated. */
    boolean subjectChanged() {
        return stored && (lastSequence != storedLastSequence || !disposition.equals(storedDisposition));
    }

    /** Forms this batch recorded that still stand: to insert. */
    List<SubjectRecord.Form> newForms() {
        return touchedForms.stream().filter(id -> !storedForms.contains(id) && forms.containsKey(id)).map(forms::get).toList();
    }

    /** Stored forms this batch corrected and did not retract: to update. */
    List<SubjectRecord.Form> correctedForms() {
        return touchedForms.stream().filter(id -> storedForms.contains(id) && forms.containsKey(id)).map(forms::get).toList();
    }

    /** Stored forms this batch retracted: to delete. */
    List<String> retractedForms() {
        return touchedForms.stream().filter(id -> storedForms.contains(id) && !forms.containsKey(id)).toList();
    }

    /** Dosing sessions this batch added: to insert. */
    List<SubjectRecord.Dose> newDoses() {
        return doses.subList(storedDoses, doses.size());
    }
}
