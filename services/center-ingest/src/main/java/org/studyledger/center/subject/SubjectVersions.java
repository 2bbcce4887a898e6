package org.studyledger.center.subject;

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
}
