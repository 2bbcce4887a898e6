package org.studyledger.center.subject;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The version of a subject as the event store holds it: the sequence number of its last event. */
@Repository
class SubjectVersions {
    private final JdbcTemplate jdbc;

    SubjectVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The sequence number of the subject's last stored event, as the current transaction sees it; -1 when none. */
    long last(String subjectId) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subjectId);
        return last == null ? -1 : last;
    }

    /** The sequence numbers of the subjects' last stored events, in one query; a subject with none is absent. */
    Map<String, Long> last(Collection<String> subjectIds) {
        Map<String, Long> last = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return last;
        }
        jdbc.query("SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", subjectIds.toArray())),
                rs -> {
                    last.put(rs.getString(1), rs.getLong(2));
                });
        return last;
    }
}
