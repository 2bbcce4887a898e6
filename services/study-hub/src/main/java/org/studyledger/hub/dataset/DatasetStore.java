package org.studyledger.hub.dataset;

import static org.studyledger.hub.projectionsupport.Sql.date;
import static org.studyledger.hub.projectionsupport.Sql.instant;
import static org.studyledger.hub.projectionsupport.Sql.integer;
import static org.studyledger.hub.projectionsupport.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.studyledger.kernel.envelope.KernelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Repository;

/**
 * The analysis-dataset projection's tables: the current state per subject ({@code dataset_subject},
 * {@code dataset_form}, {@code dataset_dose}), the versioned rows {@code adsl_version}, {@code adqs_version},
 * {@code adex_version} (read through the views {@code adsl}, {@code adqs}, {@code adex}) and {@code dataset_applied}.
 * Reads and writes a batch's subjects at once: one query per table to load them, one JDBC batch per statement to write
 * them. Every write runs in the processor's transaction (JdbcTemplate joins it).
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
        jdbc.execute("TRUNCATE dataset_subject, dataset_form, dataset_dose, dataset_applied, adsl_version, adqs_version,"
                + " adex_version");
    }

    /** The subject's current record, or empty when it was never enrolled in the ledger. */
    Optional<SubjectRecord> load(String subjectId) {
        return Optional.ofNullable(loadStates(List.of(subjectId)).get(subjectId)).map(SubjectState::record);
    }

    /** The stored state of each of {@code subjectIds} the dataset holds, by subject id (unknown subjects absent). */
    Map<String, SubjectState> loadStates(Collection<String> subjectIds) {
        Map<String, SubjectRecord.Enrolment> enrolments = new LinkedHashMap<>();
        Map<String, SubjectRecord.Disposition> dispositions = new HashMap<>();
        Map<String, Long> sequences = new HashMap<>();
        Map<String, List<SubjectRecord.Form>> forms = new HashMap<>();
        Map<String, List<SubjectRecord.Dose>> doses = new HashMap<>();
        String[] ids = subjectIds.toArray(String[]::new);
        jdbc.query("SELECT * FROM dataset_subject WHERE subject_id = ANY (?)", subjects(ids), (ResultSet rs) -> {
            String id = rs.getString("subject_id");
            enrolments.put(id, new SubjectRecord.Enrolment(rs.getString("study_id"), id,
                    rs.getString("center_id"), date(rs, "enrolment_date"), date(rs, "consent_date"),
                    rs.getString("protocol_version"), rs.getInt("birth_year"), rs.getString("sex"),
                    rs.getInt("episode_duration_months"), rs.getInt("failed_trials")));
            dispositions.put(id, new SubjectRecord.Disposition(date(rs, "discontinuation_date"),
                    rs.getString("discontinuation_reason"), (Boolean) rs.getObject("consent_withdrawn"),
                    date(rs, "completion_date")));
            sequences.put(id, rs.getLong("last_sequence"));
        });
        if (enrolments.isEmpty()) {
            return Map.of();
        }
        jdbc.query("""
                SELECT subject_id, assessment_id, instrument, version, visit, dose_session, administered_at, scores::text AS scores,
                  sequence
                FROM dataset_form WHERE subject_id = ANY (?) ORDER BY subject_id, sequence""", subjects(ids), (ResultSet rs) -> {
            forms.computeIfAbsent(rs.getString("subject_id"), k -> new ArrayList<>()).add(new SubjectRecord.Form(
                    rs.getString("assessment_id"), rs.getString("instrument"), rs.getString("version"), rs.getString("visit"),
                    integer(rs, "dose_session"), instant(rs, "administered_at"), scores(rs.getString("scores")),
                    rs.getLong("sequence")));
        });
        jdbc.query("SELECT * FROM dataset_dose WHERE subject_id = ANY (?) ORDER BY subject_id, sequence", subjects(ids),
                (ResultSet rs) -> {
                    doses.computeIfAbsent(rs.getString("subject_id"), k -> new ArrayList<>()).add(new SubjectRecord.Dose(
                            rs.getString("dose_id"), rs.getInt("session_number"), rs.getBoolean("administered"),
                            instant(rs, "at"), integer(rs, "dose_mg"), integer(rs, "devices"),
                            integer(rs, "bp_before_systolic"), integer(rs, "bp_before_diastolic"),
                            integer(rs, "bp_after_systolic"), integer(rs, "bp_after_diastolic"),
                            integer(rs, "monitoring_minutes"), rs.getString("override_reason"),
                            rs.getString("withheld_reason"), flags(rs.getString("flags")), rs.getLong("sequence")));
                });
        Map<String, SubjectState> states = new LinkedHashMap<>();
        enrolments.forEach((id, enrolment) -> states.put(id, SubjectState.stored(new SubjectRecord(enrolment,
                dispositions.get(id), forms.getOrDefault(id, List.of()), doses.getOrDefault(id, List.of())),
                sequences.get(id))));
        return states;
    }

    private static PreparedStatementSetter subjects(String[] ids) {
        return (PreparedStatement ps) -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids));
    }

    /** What one batch writes: the subjects' new state, the events applied and the row versions. */
    static final class Writes {
        final List<SubjectState> subjects = new ArrayList<>();
        final List<Object[]> applied = new ArrayList<>();
        final List<RowVersions<AdslRow>> adsl = new ArrayList<>();
        final List<RowVersions<AdqsRow>> adqs = new ArrayList<>();
        final List<RowVersions<AdexRow>> adex = new ArrayList<>();
    }

    void write(Writes w) {
        List<Object[]> newSubjects = new ArrayList<>();
        List<Object[]> changedSubjects = new ArrayList<>();
        List<Object[]> newForms = new ArrayList<>();
        List<Object[]> correctedForms = new ArrayList<>();
        List<Object[]> retractedForms = new ArrayList<>();
        List<Object[]> newDoses = new ArrayList<>();
        for (SubjectState s : w.subjects) {
            SubjectRecord.Enrolment e = s.enrolment();
            SubjectRecord.Disposition d = s.disposition();
            if (!s.isStored()) {
                newSubjects.add(new Object[] {e.subjectId(), e.studyId(), e.centerId(), e.enrolmentDate(), e.consentDate(),
                        e.protocolVersion(), e.birthYear(), e.sex(), e.episodeDurationMonths(), e.failedTrials(),
                        d.discontinuationDate(), d.discontinuationReason(), d.consentWithdrawn(), d.completionDate(),
                        s.lastSequence()});
            } else if (s.subjectChanged()) {
                changedSubjects.add(new Object[] {d.discontinuationDate(), d.discontinuationReason(), d.consentWithdrawn(),
                        d.completionDate(), s.lastSequence(), e.subjectId()});
            }
            for (SubjectRecord.Form f : s.newForms()) {
                newForms.add(new Object[] {f.assessmentId(), e.subjectId(), f.instrument(), f.version(), f.visit(),
                        f.doseSession(), ts(f.administeredAt()), json(f.scores()), f.sequence()});
            }
            s.correctedForms().forEach(f -> correctedForms.add(new Object[] {json(f.scores()), f.assessmentId()}));
            s.retractedForms().forEach(id -> retractedForms.add(new Object[] {id}));
            for (SubjectRecord.Dose d2 : s.newDoses()) {
                newDoses.add(new Object[] {d2.doseId(), e.subjectId(), d2.sessionNumber(), d2.administered(), ts(d2.at()),
                        d2.doseMg(), d2.devices(), d2.bpBeforeSystolic(), d2.bpBeforeDiastolic(), d2.bpAfterSystolic(),
                        d2.bpAfterDiastolic(), d2.monitoringMinutes(), d2.overrideReason(), d2.withheldReason(),
                        String.join(",", d2.flags()), d2.sequence()});
            }
        }
        batch("""
                INSERT INTO dataset_subject (subject_id, study_id, center_id, enrolment_date, consent_date, protocol_version,
                  birth_year, sex, episode_duration_months, failed_trials, discontinuation_date, discontinuation_reason,
                  consent_withdrawn, completion_date, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", newSubjects);
        batch("""
                UPDATE dataset_subject SET discontinuation_date = ?, discontinuation_reason = ?, consent_withdrawn = ?,
                  completion_date = ?, last_sequence = ?
                WHERE subject_id = ?""", changedSubjects);
        batch("""
                INSERT INTO dataset_form (assessment_id, subject_id, instrument, version, visit, dose_session,
                  administered_at, scores, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", newForms);
        batch("UPDATE dataset_form SET scores = ?::jsonb WHERE assessment_id = ?", correctedForms);
        batch("DELETE FROM dataset_form WHERE assessment_id = ?", retractedForms);
        batch("""
                INSERT INTO dataset_dose (dose_id, subject_id, session_number, administered, at, dose_mg, devices,
                  bp_before_systolic, bp_before_diastolic, bp_after_systolic, bp_after_diastolic, monitoring_minutes,
                  override_reason, withheld_reason, flags, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", newDoses);
        batch("INSERT INTO dataset_applied (position, subject_id) VALUES (?, ?)", w.applied);
        writeAdsl(w.adsl);
        writeAdqs(w.adqs);
        writeAdex(w.adex);
    }

    // Closing before inserting: a row's open version is unique (adsl_version_open and the like).

    private void writeAdsl(List<RowVersions<AdslRow>> versions) {
        List<Object[]> closes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (RowVersions<AdslRow> v : versions) {
            v.closes().forEach(c -> closes.add(new Object[] {c.validTo(), c.row().usubjid()}));
            for (RowVersions.Insert<AdslRow> i : v.inserts()) {
                AdslRow s = i.row();
                inserts.add(new Object[] {s.studyid(), s.usubjid(), s.siteid(), s.sex(), s.brthyr(), s.age(), s.ageu(),
                        s.enrldt(), s.consdt(), s.protver(), s.epidurm(), s.nfailtrt(), s.bmadrs(), s.brfqc(), s.brfqu(),
                        ts(s.trtsdtm()), s.trtsdt(), s.trtedt(), s.nsesadm(), s.nseswh(), s.cumdose(), s.eosstt(), s.dcsdt(),
                        s.dcsreas(), s.conwdfl(), s.compldt(), s.trtdurw(), s.cadsspk(), i.validFrom(), i.validTo()});
            }
        }
        batch("UPDATE adsl_version SET valid_to = ? WHERE usubjid = ? AND valid_to IS NULL", closes);
        batch("""
                INSERT INTO adsl_version (studyid, usubjid, siteid, sex, brthyr, age, ageu, enrldt, consdt, protver, epidurm,
                  nfailtrt, bmadrs, brfqc, brfqu, trtsdtm, trtsdt, trtedt, nsesadm, nseswh, cumdose, eosstt, dcsdt, dcsreas,
                  conwdfl, compldt, trtdurw, cadsspk, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
    }

    private void writeAdqs(List<RowVersions<AdqsRow>> versions) {
        List<Object[]> closes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (RowVersions<AdqsRow> v : versions) {
            v.closes().forEach(c -> closes.add(new Object[] {c.validTo(), c.row().usubjid(), c.row().paramcd(),
                    c.row().qsrefid()}));
            for (RowVersions.Insert<AdqsRow> i : v.inserts()) {
                AdqsRow q = i.row();
                inserts.add(new Object[] {q.studyid(), q.usubjid(), q.siteid(), q.paramcd(), q.param(), q.paramn(),
                        q.avisit(), q.avisitn(), q.visit(), ts(q.adtm()), q.adt(), q.ady(), q.awtarget(), q.awtdiff(),
                        q.aval(), q.base(), q.chg(), q.pchg(), q.ablfl(), q.anl01fl(), q.crit1(), q.crit1fl(), q.crit2(),
                        q.crit2fl(), q.qsrefid(), q.qsseq(), q.qsinst(), i.validFrom(), i.validTo()});
            }
        }
        batch("UPDATE adqs_version SET valid_to = ? WHERE usubjid = ? AND paramcd = ? AND qsrefid = ? AND valid_to IS NULL",
                closes);
        batch("""
                INSERT INTO adqs_version (studyid, usubjid, siteid, paramcd, param, paramn, avisit, avisitn, visit, adtm, adt,
                  ady, awtarget, awtdiff, aval, base, chg, pchg, ablfl, anl01fl, crit1, crit1fl, crit2, crit2fl, qsrefid, qsseq,
                  qsinst, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
    }

    private void writeAdex(List<RowVersions<AdexRow>> versions) {
        List<Object[]> closes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (RowVersions<AdexRow> v : versions) {
            v.closes().forEach(c -> closes.add(new Object[] {c.validTo(), c.row().usubjid(), c.row().exrefid()}));
            for (RowVersions.Insert<AdexRow> i : v.inserts()) {
                AdexRow x = i.row();
                inserts.add(new Object[] {x.studyid(), x.usubjid(), x.siteid(), x.sessnum(), x.exrefid(), x.exoccur(),
                        ts(x.adtm()), x.adt(), x.ady(), x.exdose(), x.exdosu(), x.ndevice(), x.sysbppre(), x.diabppre(),
                        x.sysbppst(), x.diabppst(), x.monmin(), x.bphighfl(), x.bprisefl(), x.monshtfl(), x.exflags(),
                        x.ovrreas(), x.whreas(), x.cadsstot(), x.cadss4fl(), x.sbpchg(), x.dbpchg(), x.cadsspk(),
                        i.validFrom(), i.validTo()});
            }
        }
        batch("UPDATE adex_version SET valid_to = ? WHERE usubjid = ? AND exrefid = ? AND valid_to IS NULL", closes);
        batch("""
                INSERT INTO adex_version (studyid, usubjid, siteid, sessnum, exrefid, exoccur, adtm, adt, ady, exdose, exdosu,
                  ndevice, sysbppre, diabppre, sysbppst, diabppst, monmin, bphighfl, bprisefl, monshtfl, exflags, ovrreas,
                  whreas, cadsstot, cadss4fl, sbpchg, dbpchg, cadsspk, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
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
