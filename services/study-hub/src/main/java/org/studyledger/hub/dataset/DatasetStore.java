package org.studyledger.hub.dataset;

import static org.studyledger.hub.projection.Sql.date;
import static org.studyledger.hub.projection.Sql.instant;
import static org.studyledger.hub.projection.Sql.integer;
import static org.studyledger.hub.projection.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.studyledger.hub.projection.LedgerEvent;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.subject.DoseFlag;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.DoseWithheld;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * The analysis-dataset projection's tables: the current state per subject ({@code dataset_subject},
 * {@code dataset_form}, {@code dataset_dose}) and the derived {@code adsl}, {@code adqs}, {@code adex}.
 * Every write runs in the processor's transaction (JdbcTemplate joins it).
 */
@Repository
class DatasetStore {
    private static final ObjectMapper JSON = KernelJson.mapper();
    private static final TypeReference<TreeMap<String, BigDecimal>> SCORES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    DatasetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void truncate() {
        jdbc.execute("TRUNCATE dataset_subject, dataset_form, dataset_dose, adsl, adqs, adex");
    }

    /** Starts a subject; false when the enrolment was already applied (a replayed delivery). */
    boolean enrol(LedgerEvent e, SubjectEnrolled s) {
        return jdbc.update("""
                INSERT INTO dataset_subject (subject_id, study_id, center_id, enrolment_date, consent_date, protocol_version,
                  birth_year, sex, episode_duration_months, failed_trials, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_id) DO NOTHING
                """, e.subjectId(), e.studyId(), e.centerId(), s.enrolmentDate(), s.consentDate(), s.protocolVersion(),
                s.birthYear(), s.sex().name(), s.episodeDurationMonths(), s.failedAntidepressantTrials(), e.sequence()) == 1;
    }

    /**
     * Marks the event applied; false when it (or a later event of the subject) already was, or the subject
     * is unknown. Events of a subject arrive in sequence order (one segment per subject), so this makes
     * every handler idempotent.
     */
    boolean claim(LedgerEvent e) {
        return jdbc.update("UPDATE dataset_subject SET last_sequence = ? WHERE subject_id = ? AND last_sequence < ?",
                e.sequence(), e.subjectId(), e.sequence()) == 1;
    }

    void recordForm(LedgerEvent e, AssessmentRecorded a) {
        jdbc.update("""
                INSERT INTO dataset_form (assessment_id, subject_id, instrument, version, visit, dose_session,
                  administered_at, scores, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (assessment_id) DO NOTHING
                """, a.assessmentId().toString(), e.subjectId(), a.instrument().code(), a.instrument().version(), a.visit(),
                a.doseSession(), ts(a.administeredAt()), json(a.scores().scores()), e.sequence());
    }

    void correctForm(String assessmentId, Map<String, BigDecimal> scores) {
        jdbc.update("UPDATE dataset_form SET scores = ?::jsonb WHERE assessment_id = ?", json(scores), assessmentId);
    }

    void retractForm(String assessmentId) {
        jdbc.update("DELETE FROM dataset_form WHERE assessment_id = ?", assessmentId);
    }

    void dose(LedgerEvent e, DoseAdministered d) {
        jdbc.update("""
                INSERT INTO dataset_dose (dose_id, subject_id, session_number, administered, at, dose_mg, devices,
                  bp_before_systolic, bp_before_diastolic, bp_after_systolic, bp_after_diastolic, monitoring_minutes,
                  override_reason, withheld_reason, flags, sequence)
                VALUES (?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                ON CONFLICT (dose_id) DO NOTHING
                """, d.doseId().toString(), e.subjectId(), d.sessionNumber(), ts(d.administeredAt()), d.doseMg(),
                d.devices(), d.bpBefore().systolic(), d.bpBefore().diastolic(), d.bpAfter().systolic(),
                d.bpAfter().diastolic(), d.monitoringMinutes(), d.overrideReason(),
                String.join(",", d.flags().stream().map(DoseFlag::name).toList()), e.sequence());
    }

    void withheld(LedgerEvent e, DoseWithheld d) {
        jdbc.update("""
                INSERT INTO dataset_dose (dose_id, subject_id, session_number, administered, at, bp_before_systolic,
                  bp_before_diastolic, withheld_reason, flags, sequence)
                VALUES (?, ?, ?, false, ?, ?, ?, ?, '', ?)
                ON CONFLICT (dose_id) DO NOTHING
                """, d.doseId().toString(), e.subjectId(), d.sessionNumber(), ts(d.decidedAt()),
                d.bpBefore() == null ? null : d.bpBefore().systolic(), d.bpBefore() == null ? null : d.bpBefore().diastolic(),
                d.reason(), e.sequence());
    }

    void discontinued(String subjectId, LocalDate date, String reason, boolean consentWithdrawn) {
        jdbc.update("UPDATE dataset_subject SET discontinuation_date = ?, discontinuation_reason = ?, consent_withdrawn = ?"
                + " WHERE subject_id = ?", date, reason, consentWithdrawn, subjectId);
    }

    void completed(String subjectId, LocalDate date) {
        jdbc.update("UPDATE dataset_subject SET completion_date = ? WHERE subject_id = ?", date, subjectId);
    }

    /** The subject's current record, or empty when it was never enrolled in the ledger. */
    Optional<SubjectRecord> load(String subjectId) {
        List<SubjectRecord.Enrolment> enrolment = jdbc.query("SELECT * FROM dataset_subject WHERE subject_id = ?",
                (rs, n) -> new SubjectRecord.Enrolment(rs.getString("study_id"), rs.getString("subject_id"),
                        rs.getString("center_id"), date(rs, "enrolment_date"), date(rs, "consent_date"),
                        rs.getString("protocol_version"), rs.getInt("birth_year"), rs.getString("sex"),
                        rs.getInt("episode_duration_months"), rs.getInt("failed_trials")), subjectId);
        if (enrolment.isEmpty()) {
            return Optional.empty();
        }
        SubjectRecord.Disposition disposition = jdbc.queryForObject("""
                SELECT discontinuation_date, discontinuation_reason, consent_withdrawn, completion_date
                FROM dataset_subject WHERE subject_id = ?""",
                (rs, n) -> new SubjectRecord.Disposition(date(rs, "discontinuation_date"),
                        rs.getString("discontinuation_reason"), (Boolean) rs.getObject("consent_withdrawn"),
                        date(rs, "completion_date")), subjectId);
        List<SubjectRecord.Form> forms = jdbc.query("""
                SELECT assessment_id, instrument, version, visit, dose_session, administered_at, scores::text AS scores, sequence
                FROM dataset_form WHERE subject_id = ? ORDER BY sequence""",
                (rs, n) -> new SubjectRecord.Form(rs.getString("assessment_id"), rs.getString("instrument"),
                        rs.getString("version"), rs.getString("visit"), integer(rs, "dose_session"),
                        instant(rs, "administered_at"), scores(rs.getString("scores")), rs.getLong("sequence")), subjectId);
        List<SubjectRecord.Dose> doses = jdbc.query("SELECT * FROM dataset_dose WHERE subject_id = ? ORDER BY sequence",
                (rs, n) -> new SubjectRecord.Dose(rs.getString("dose_id"), rs.getInt("session_number"),
                        rs.getBoolean("administered"), instant(rs, "at"), integer(rs, "dose_mg"), integer(rs, "devices"),
                        integer(rs, "bp_before_systolic"), integer(rs, "bp_before_diastolic"),
                        integer(rs, "bp_after_systolic"), integer(rs, "bp_after_diastolic"),
                        integer(rs, "monitoring_minutes"), rs.getString("override_reason"), rs.getString("withheld_reason"),
                        flags(rs.getString("flags")), rs.getLong("sequence")), subjectId);
        return Optional.of(new SubjectRecord(enrolment.get(0), disposition, forms, doses));
    }

    /** Replaces the subject's rows in adsl, adqs and adex by {@code rows}. */
    void replace(String subjectId, AnalysisDerivation.Rows rows) {
        // Serialises the cohort-wide MENTGRP update (see mentalizationGroups) with every other replace, taken
        // before this transaction locks any adsl row so two segments never wait on each other's rows.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", MENTGRP_LOCK);
        BigDecimal previousBrfqu = jdbc.query("SELECT brfqu FROM adsl WHERE usubjid = ?",
                rs -> rs.next() ? rs.getBigDecimal(1) : null, subjectId);
        boolean existed = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM adsl WHERE usubjid = ?)",
                Boolean.class, subjectId));
        jdbc.update("DELETE FROM adsl WHERE usubjid = ?", subjectId);
        jdbc.update("DELETE FROM adqs WHERE usubjid = ?", subjectId);
        jdbc.update("DELETE FROM adex WHERE usubjid = ?", subjectId);
        AdslRow s = rows.adsl();
        jdbc.update("""
                INSERT INTO adsl (studyid, usubjid, siteid, sex, brthyr, age, ageu, enrldt, consdt, protver, epidurm, nfailtrt,
                  bmadrs, brfqc, brfqu, trtsdtm, trtsdt, trtedt, nsesadm, nseswh, cumdose, eosstt, dcsdt, dcsreas, conwdfl,
                  compldt, trtdurw, cadsspk, mentgrp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """, s.studyid(), s.usubjid(), s.siteid(), s.sex(), s.brthyr(), s.age(), s.ageu(), s.enrldt(), s.consdt(),
                s.protver(), s.epidurm(), s.nfailtrt(), s.bmadrs(), s.brfqc(), s.brfqu(), ts(s.trtsdtm()), s.trtsdt(), s.trtedt(), s.nsesadm(),
                s.nseswh(), s.cumdose(), s.eosstt(), s.dcsdt(), s.dcsreas(), s.conwdfl(), s.compldt(), s.trtdurw(),
                s.cadsspk());
        if (!rows.adqs().isEmpty()) {
            jdbc.batchUpdate("""
                INSERT INTO adqs (studyid, usubjid, siteid, paramcd, param, paramn, avisit, avisitn, visit, adtm, adt, ady,
                  awtarget, awtdiff, aval, base, chg, pchg, ablfl, anl01fl, crit1, crit1fl, crit2, crit2fl, qsrefid, qsseq,
                  qsinst)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows.adqs().stream().map(q -> new Object[] {q.studyid(), q.usubjid(), q.siteid(), q.paramcd(), q.param(),
                q.paramn(), q.avisit(), q.avisitn(), q.visit(), ts(q.adtm()), q.adt(), q.ady(), q.awtarget(), q.awtdiff(), q.aval(),
                q.base(), q.chg(), q.pchg(), q.ablfl(), q.anl01fl(), q.crit1(), q.crit1fl(), q.crit2(), q.crit2fl(), q.qsrefid(), q.qsseq(), q.qsinst()}).toList());
        }
        if (!rows.adex().isEmpty()) {
            jdbc.batchUpdate("""
                INSERT INTO adex (studyid, usubjid, siteid, sessnum, exrefid, exoccur, adtm, adt, ady, exdose, exdosu, ndevice,
                  sysbppre, diabppre, sysbppst, diabppst, monmin, bphighfl, bprisefl, monshtfl, exflags, ovrreas, whreas,
                  cadsstot, cadss4fl, sbpchg, dbpchg, cadsspk)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows.adex().stream().map(x -> new Object[] {x.studyid(), x.usubjid(), x.siteid(), x.sessnum(),
                x.exrefid(), x.exoccur(), ts(x.adtm()), x.adt(), x.ady(), x.exdose(), x.exdosu(), x.ndevice(), x.sysbppre(),
                x.diabppre(), x.sysbppst(), x.diabppst(), x.monmin(), x.bphighfl(), x.bprisefl(), x.monshtfl(),
                x.exflags(), x.ovrreas(), x.whreas(), x.cadsstot(), x.cadss4fl(), x.sbpchg(), x.dbpchg(),
                x.cadsspk()}).toList());
        }
        if (!existed || !sameValue(previousBrfqu, s.brfqu())) {
            mentalizationGroups();
        } else {
            jdbc.update("UPDATE adsl SET mentgrp = ? WHERE usubjid = ?", currentGroup(subjectId, s.brfqu()), subjectId);
        }
    }

    /** Advisory lock key of the cohort-wide ADSL.MENTGRP update ("MENTGRP" in ASCII). */
    private static final long MENTGRP_LOCK = 0x4D454E54475250L;

    /**
     * Recomputes ADSL.MENTGRP of every subject from the cohort median of BRFQU ({@link MentalizationGroup}),
     * writing only the rows whose group changes. Deterministic: the result depends on the BRFQU values only.
     */
    void mentalizationGroups() {
        Map<String, BigDecimal> brfqu = new TreeMap<>();
        Map<String, String> current = new TreeMap<>();
        jdbc.query("SELECT usubjid, brfqu, mentgrp FROM adsl", rs -> {
            brfqu.put(rs.getString(1), rs.getBigDecimal(2));
            current.put(rs.getString(1), rs.getString(3));
        });
        MentalizationGroup.groups(brfqu).forEach((subject, group) -> {
            if (!java.util.Objects.equals(group, current.get(subject))) {
                jdbc.update("UPDATE adsl SET mentgrp = ? WHERE usubjid = ?", group, subject);
            }
        });
    }

    /** The subject's group against the current cohort median (its BRFQU did not change, so neither did the median). */
    private String currentGroup(String subjectId, BigDecimal brfqu) {
        List<BigDecimal> all = jdbc.queryForList("SELECT brfqu FROM adsl WHERE brfqu IS NOT NULL", BigDecimal.class);
        return MentalizationGroup.group(brfqu, MentalizationGroup.median(all));
    }

    private static boolean sameValue(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String json(Map<String, BigDecimal> scores) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(scores));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, BigDecimal> scores(String json) {
        try {
            return JSON.readValue(json, SCORES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dataset_form.scores is not a score map: " + json, e);
        }
    }

    private static List<String> flags(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
