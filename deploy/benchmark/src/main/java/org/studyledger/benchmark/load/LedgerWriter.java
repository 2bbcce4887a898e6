package org.studyledger.benchmark.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.hub.dataset.AdexRow;
import org.studyledger.hub.dataset.AdqsRow;
import org.studyledger.hub.dataset.AdslRow;
import org.studyledger.hub.dataset.SubjectRecord;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.verification.KnownAssessments;

/**
 * Writes a {@link CenterChunk} into the hub's database in one transaction:
 * <ul>
 *   <li>the ledger: every event appended through the hub's own Axon event storage engine in one batch, as the hub's
 *   {@code LedgerIntake} appends one (aggregate {@code Subject}, the envelope's sequence and event id, the envelope
 *   header as metadata, the hub's acceptance time as timestamp), and the intake's bookkeeping beside it
 *   ({@code ledger_event_hash}, {@code ledger_head}, {@code ledger_assessment});</li>
 *   <li>the analysis dataset: the state tables and the derived {@code adsl}, {@code adqs}, {@code adex} rows with the
 *   columns and values the hub's {@code DatasetStore} writes; ADSL.MENTGRP, which depends on the whole cohort, is set
 *   by {@link #mentalizationGroups()} once every subject is in.</li>
 * </ul>
 * Everything but the events goes in with {@code COPY} ({@link CopyRows}).
 */
final class LedgerWriter {
    private static final ObjectMapper JSON = KernelJson.mapper();

    private final EventStorageEngine ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    LedgerWriter(EventStorageEngine ledger, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The ledger's head: its highest position, -1 when empty. */
    long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Time spent appending events, writing the intake's bookkeeping and writing the dataset, in nanoseconds. */
    private long appendNanos;
    private long bookkeepingNanos;
    private long datasetNanos;

    /** What the database holds when the load is done. */
    record Totals(long events, long adsl, long adqs, long adex) {
    }

    Totals totals() {
        return new Totals(count("domain_event_entry"), count("adsl"), count("adqs"), count("adex"));
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    /** Writes the chunk, and runs {@code alsoInTransaction} in the same transaction; returns the ledger's head after it. */
    long write(CenterChunk chunk, Runnable alsoInTransaction) {
        return transactions.execute(tx -> {
            long before = head();
            long t0 = System.nanoTime();
            appendEvents(chunk.events());
            long t1 = System.nanoTime();
            Map<String, Long> positions = bookkeeping(chunk.events(), before);
            long t2 = System.nanoTime();
            dataset(chunk.subjects(), positions);
            long t3 = System.nanoTime();
            appendNanos += t1 - t0;
            bookkeepingNanos += t2 - t1;
            datasetNanos += t3 - t2;
            alsoInTransaction.run();
            return head();
        });
    }

    long appendMillis() {
        return appendNanos / 1_000_000;
    }

    long bookkeepingMillis() {
        return bookkeepingNanos / 1_000_000;
    }

    long datasetMillis() {
        return datasetNanos / 1_000_000;
    }

    private void appendEvents(List<SealedEvent> events) {
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (SealedEvent s : events) {
            EventEnvelope e = s.envelope();
            // the hub's acceptance time: when this benchmark appended the event
            messages.add(new GenericDomainEventMessage<>(LedgerIntake.SUBJECT, e.subjectId().value(), e.sequence(), s.event(),
                    MetaData.from(EnvelopeHeader.metadataOf(e)), e.eventId().toString(), Instant.now()));
        }
        ledger.appendEvents(messages);
    }

    /** Writes the intake's bookkeeping; returns each subject's last ledger position. */
    private Map<String, Long> bookkeeping(List<SealedEvent> events, long headBefore) {
        CopyRows hashes = new CopyRows("ledger_event_hash", "event_id, subject_id, sequence, hash");
        CopyRows assessments = new CopyRows("ledger_assessment", "assessment_id, subject_id, instrument, version");
        Map<String, EventEnvelope> last = new HashMap<>();
        for (SealedEvent s : events) {
            EventEnvelope e = s.envelope();
            hashes.row(e.eventId().toString(), e.subjectId().value(), e.sequence(), e.hash());
            last.merge(e.subjectId().value(), e, (a, b) -> a.sequence() > b.sequence() ? a : b);
            KnownAssessments.recordedBy(s.event()).ifPresent(a -> assessments.row(a.assessmentId().toString(),
                    e.subjectId().value(), a.instrument().code(), a.instrument().version()));
        }
        hashes.copy(jdbc);
        assessments.copy(jdbc);
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("SELECT aggregate_identifier, max(global_index) FROM domain_event_entry WHERE global_index > ?"
                + " GROUP BY aggregate_identifier", rs -> {
            positions.put(rs.getString(1), rs.getLong(2));
        }, headBefore);
        CopyRows heads = new CopyRows("ledger_head",
                "subject_id, center_id, last_sequence, last_hash, last_event_id, last_global_index");
        last.forEach((subject, e) -> heads.row(subject, e.centerId().value(), e.sequence(), e.hash(), e.eventId().toString(),
                positions.get(subject)));
        heads.copy(jdbc);
        // Every appended event counts as applied by the analysis dataset, which gives X-Ledger-Position.
        jdbc.update("INSERT INTO dataset_applied (position, subject_id) SELECT global_index, aggregate_identifier"
                + " FROM domain_event_entry WHERE global_index > ?", headBefore);
        return positions;
    }

    /**
     * The dataset's state tables and one version of each row, holding from the subject's last ledger position on (the
     * versions before it are not written: as-of reads inside the load are not what this fixture is for).
     */
    private void dataset(List<CenterChunk.Subject> subjects, Map<String, Long> positions) {
        CopyRows subjectRows = new CopyRows("dataset_subject", "subject_id, study_id, center_id, enrolment_date,"
                + " consent_date, protocol_version, birth_year, sex, episode_duration_months, failed_trials,"
                + " discontinuation_date, discontinuation_reason, consent_withdrawn, completion_date, last_sequence");
        CopyRows forms = new CopyRows("dataset_form", "assessment_id, subject_id, instrument, version, visit, dose_session,"
                + " administered_at, scores, sequence");
        CopyRows doses = new CopyRows("dataset_dose", "dose_id, subject_id, session_number, administered, at, dose_mg,"
                + " devices, bp_before_systolic, bp_before_diastolic, bp_after_systolic, bp_after_diastolic,"
                + " monitoring_minutes, override_reason, withheld_reason, flags, sequence");
        CopyRows adsl = new CopyRows("adsl_version", "studyid, usubjid, siteid, sex, brthyr, age, ageu, enrldt, consdt, protver,"
                + " epidurm, nfailtrt, bmadrs, brfqc, brfqu, trtsdtm, trtsdt, trtedt, nsesadm, nseswh, cumdose, eosstt, dcsdt, dcsreas,"
                + " conwdfl, compldt, trtdurw, cadsspk, valid_from");
        CopyRows adqs = new CopyRows("adqs_version", "studyid, usubjid, siteid, paramcd, param, paramn, avisit, avisitn, visit, adtm, adt,"
                + " ady, awtarget, awtdiff, aval, base, chg, pchg, ablfl, anl01fl, crit1, crit1fl, crit2, crit2fl, qsrefid,"
                + " qsseq, qsinst, valid_from");
        CopyRows adex = new CopyRows("adex_version", "studyid, usubjid, siteid, sessnum, exrefid, exoccur, adtm, adt, ady, exdose,"
                + " exdosu, ndevice, sysbppre, diabppre, sysbppst, diabppst, monmin, bphighfl, bprisefl, monshtfl, exflags,"
                + " ovrreas, whreas, cadsstot, cadss4fl, sbpchg, dbpchg, cadsspk, valid_from");
        for (CenterChunk.Subject subject : subjects) {
            SubjectRecord r = subject.state().record();
            SubjectRecord.Enrolment e = r.enrolment();
            SubjectRecord.Disposition d = r.disposition();
            subjectRows.row(e.subjectId(), e.studyId(), e.centerId(), e.enrolmentDate(), e.consentDate(),
                    e.protocolVersion(), e.birthYear(), e.sex(), e.episodeDurationMonths(), e.failedTrials(),
                    d.discontinuationDate(), d.discontinuationReason(), d.consentWithdrawn(), d.completionDate(),
                    subject.state().lastSequence());
            for (SubjectRecord.Form f : r.forms()) {
                forms.row(f.assessmentId(), e.subjectId(), f.instrument(), f.version(), f.visit(), f.doseSession(),
                        f.administeredAt(), json(f.scores()), f.sequence());
            }
            for (SubjectRecord.Dose x : r.doses()) {
                doses.row(x.doseId(), e.subjectId(), x.sessionNumber(), x.administered(), x.at(), x.doseMg(), x.devices(),
                        x.bpBeforeSystolic(), x.bpBeforeDiastolic(), x.bpAfterSystolic(), x.bpAfterDiastolic(),
                        x.monitoringMinutes(), x.overrideReason(), x.withheldReason(), String.join(",", x.flags()),
                        x.sequence());
            }
            long from = positions.get(e.subjectId());
            AdslRow s = subject.rows().adsl();
            adsl.row(s.studyid(), s.usubjid(), s.siteid(), s.sex(), s.brthyr(), s.age(), s.ageu(), s.enrldt(), s.consdt(),
                    s.protver(), s.epidurm(), s.nfailtrt(), s.bmadrs(), s.brfqc(), s.brfqu(), s.trtsdtm(), s.trtsdt(), s.trtedt(),
                    s.nsesadm(), s.nseswh(), s.cumdose(), s.eosstt(), s.dcsdt(), s.dcsreas(), s.conwdfl(), s.compldt(),
                    s.trtdurw(), s.cadsspk(), from);
            for (AdqsRow q : subject.rows().adqs()) {
                adqs.row(q.studyid(), q.usubjid(), q.siteid(), q.paramcd(), q.param(), q.paramn(), q.avisit(), q.avisitn(),
                        q.visit(), q.adtm(), q.adt(), q.ady(), q.awtarget(), q.awtdiff(), q.aval(), q.base(), q.chg(), q.pchg(),
                        q.ablfl(), q.anl01fl(), q.crit1(), q.crit1fl(), q.crit2(), q.crit2fl(), q.qsrefid(), q.qsseq(),
                        q.qsinst(), from);
            }
            for (AdexRow x : subject.rows().adex()) {
                adex.row(x.studyid(), x.usubjid(), x.siteid(), x.sessnum(), x.exrefid(), x.exoccur(), x.adtm(), x.adt(),
                        x.ady(), x.exdose(), x.exdosu(), x.ndevice(), x.sysbppre(), x.diabppre(), x.sysbppst(), x.diabppst(),
                        x.monmin(), x.bphighfl(), x.bprisefl(), x.monshtfl(), x.exflags(), x.ovrreas(), x.whreas(),
                        x.cadsstot(), x.cadss4fl(), x.sbpchg(), x.dbpchg(), x.cadsspk(), from);
            }
        }
        for (CopyRows rows : List.of(subjectRows, forms, doses, adsl, adqs, adex)) {
            rows.copy(jdbc);
        }
    }

    /** Subjects given an ADSL.MENTGRP, which the adsl view computes from the cohort median of BRFQU when read. */
    int mentalizationGroups() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM adsl WHERE mentgrp IS NOT NULL", Integer.class);
        return n == null ? 0 : n;
    }

    private static String json(Map<String, BigDecimal> scores) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(scores));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
