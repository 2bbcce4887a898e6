package org.studyledger.hub.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.studyledger.hub.projectionsupport.LedgerEvent;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.FollowUpCompleted;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * The analysis dataset, versioned by ledger position. The handlers only collect the batch's events by subject; when
 * the batch commits (Axon's prepare-commit of the processor's unit of work, in the transaction that stores its token)
 * the batch's subjects are loaded at once, each subject's events are applied to its state in ledger order, and after
 * each one its ADSL, ADQS and ADEX rows are derived in memory ({@link AnalysisDerivation}, pure) and compared with the
 * rows holding before: a changed row gets a new version valid from that event's position ({@link RowVersions}). Then
 * everything is written in JDBC batches. So each position has exactly the rows a replay up to it gives, whatever the
 * batch boundaries, and nothing cohort-wide is touched: MENTGRP is computed when read (the {@code adsl} view).
 * Segments are by subject and every row belongs to one subject, so segments never wait on each other.
 * Idempotent: an event at or below the subject's last applied sequence changes nothing.
 */
@Component
@ProcessingGroup(AnalysisDatasetProjection.PROCESSING_GROUP)
public class AnalysisDatasetProjection {
    public static final String PROCESSING_GROUP = "analysis-dataset";

    private final DatasetStore store;
    private final AnalysisDerivation derivation;
    private final String batchResource = "analysis-dataset-batch@" + Integer.toHexString(System.identityHashCode(this));

    @Autowired
    AnalysisDatasetProjection(DatasetStore store, AnalysisDerivation derivation) {
        this.store = store;
        this.derivation = derivation;
    }

    /** A second instance writing through {@code jdbc} (unqualified table names), for the replay proof. */
    public static AnalysisDatasetProjection writingTo(JdbcTemplate jdbc, AnalysisDerivation derivation) {
        return new AnalysisDatasetProjection(new DatasetStore(jdbc), derivation);
    }

    @EventHandler
    void on(SubjectEnrolled s, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(s, message, token);
        batch().add(e, new SubjectRecord.Enrolment(e.studyId(), e.subjectId(), e.centerId(), s.enrolmentDate(),
                s.consentDate(), s.protocolVersion(), s.birthYear(), s.sex().name(), s.episodeDurationMonths(),
                s.failedAntidepressantTrials()));
    }

    @EventHandler
    void on(AssessmentRecorded a, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(a, message, token);
        SubjectRecord.Form form = new SubjectRecord.Form(a.assessmentId().toString(), a.instrument().code(),
                a.instrument().version(), a.visit(), a.doseSession(), a.administeredAt(), a.scores().scores(), e.sequence());
        batch().add(e, state -> state.recordForm(form));
    }

    @EventHandler
    void on(AssessmentCorrected c, EventMessage<?> message, TrackingToken token) {
        batch().add(LedgerEvent.of(c, message, token),
                state -> state.correctForm(c.assessmentId().toString(), c.scores().scores()));
    }

    @EventHandler
    void on(AssessmentRetracted r, EventMessage<?> message, TrackingToken token) {
        batch().add(LedgerEvent.of(r, message, token), state -> state.retractForm(r.assessmentId().toString()));
    }

    @EventHandler
    void on(DoseAdministered d, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(d, message, token);
        SubjectRecord.Dose dose = new SubjectRecord.Dose(d.doseId().toString(), d.sessionNumber(), true, d.administeredAt(),
                d.doseMg(), d.devices(), d.bpBefore().systolic(), d.bpBefore().diastolic(), d.bpAfter().systolic(),
                d.bpAfter().diastolic(), d.monitoringMinutes(), d.overrideReason(), null,
                d.flags().stream().map(DoseFlag::name).toList(), e.sequence());
        batch().add(e, state -> state.dose(dose));
    }

    @EventHandler
    void on(DoseWithheld d, EventMessage<?> message, TrackingToken token) {
        LedgerEvent e = LedgerEvent.of(d, message, token);
        SubjectRecord.Dose dose = new SubjectRecord.Dose(d.doseId().toString(), d.sessionNumber(), false, d.decidedAt(),
                null, null, d.bpBefore() == null ? null : d.bpBefore().systolic(),
                d.bpBefore() == null ? null : d.bpBefore().diastolic(), null, null, null, null, d.reason(), List.of(),
                e.sequence());
        batch().add(e, state -> state.dose(dose));
    }

    @EventHandler
    void on(SubjectDiscontinued d, EventMessage<?> message, TrackingToken token) {
        SubjectRecord.Disposition disposition = new SubjectRecord.Disposition(d.discontinuationDate(), d.reason(),
                d.consentWithdrawn(), null);
        batch().add(LedgerEvent.of(d, message, token), state -> state.discontinued(disposition));
    }

    @EventHandler
    void on(FollowUpCompleted f, EventMessage<?> message, TrackingToken token) {
        batch().add(LedgerEvent.of(f, message, token), state -> state.completed(f.completionDate()));
    }

    /** Not part of ADSL/ADQS/ADEX, but applied: the dataset's ledger position moves on. */
    @EventHandler
    void on(AdverseEventReported a, EventMessage<?> message, TrackingToken token) {
        batch().add(LedgerEvent.of(a, message, token), state -> {
        });
    }

    @ResetHandler
    void reset() {
        store.truncate();
    }

    /**
     * This unit of work's batch, applied when it prepares to commit. Outside a unit of work (never in a processor)
     * each event is a batch of its own.
     */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Batch() {
                @Override
                void added() {
                    apply(this);
                }
            };
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource(batchResource, key -> {
            Batch batch = new Batch();
            unit.onPrepareCommit(u -> apply(batch));
            return batch;
        });
    }

    /** One step of a subject's history: an event and what it does to the subject's state. */
    private record Step(LedgerEvent event, SubjectRecord.Enrolment enrolment, Consumer<SubjectState> change) {
    }

    /** The batch's events, by subject, each subject's in ledger order. */
    private static class Batch {
        final Map<String, List<Step>> subjects = new LinkedHashMap<>();

        void add(LedgerEvent e, SubjectRecord.Enrolment enrolment) {
            subjects.computeIfAbsent(e.subjectId(), k -> new ArrayList<>()).add(new Step(e, enrolment, null));
            added();
        }

        void add(LedgerEvent e, Consumer<SubjectState> change) {
            subjects.computeIfAbsent(e.subjectId(), k -> new ArrayList<>()).add(new Step(e, null, change));
            added();
        }

        void added() {
        }
    }

    private void apply(Batch batch) {
        if (batch.subjects.isEmpty()) {
            return;
        }
        Map<String, SubjectState> states = store.loadStates(batch.subjects.keySet());
        DatasetStore.Writes writes = new DatasetStore.Writes();
        batch.subjects.forEach((subjectId, steps) -> {
            SubjectState state = states.get(subjectId);
            AnalysisDerivation.Rows before = state == null ? null : derivation.derive(state.record());
            RowVersions<AdslRow> adsl = new RowVersions<>(AdslRow::usubjid, before == null ? List.of() : List.of(before.adsl()));
            RowVersions<AdqsRow> adqs = new RowVersions<>(q -> q.paramcd() + "/" + q.qsrefid(),
                    before == null ? List.of() : before.adqs());
            RowVersions<AdexRow> adex = new RowVersions<>(AdexRow::exrefid, before == null ? List.of() : before.adex());
            boolean applied = false;
            for (Step step : steps) {
                LedgerEvent e = step.event();
                if (step.enrolment() != null) {
                    if (state != null) {
                        continue; // a replayed delivery
                    }
                    state = SubjectState.enrolled(step.enrolment(), e.sequence());
                } else if (state == null || !state.claim(e.sequence())) {
                    continue; // an unknown subject, or a replayed delivery
                } else {
                    step.change().accept(state);
                }
                applied = true;
                writes.applied.add(new Object[] {e.position(), subjectId});
                AnalysisDerivation.Rows rows = derivation.derive(state.record());
                adsl.advance(e.position(), List.of(rows.adsl()));
                adqs.advance(e.position(), rows.adqs());
                adex.advance(e.position(), rows.adex());
            }
            if (applied) {
                writes.subjects.add(state);
                writes.adsl.add(adsl);
                writes.adqs.add(adqs);
                writes.adex.add(adex);
            }
        });
        store.write(writes);
        batch.subjects.clear();
    }
}
