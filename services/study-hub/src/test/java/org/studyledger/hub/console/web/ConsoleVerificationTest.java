package org.studyledger.hub.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.auditcheck.LedgerScope;
import org.studyledger.hub.auditcheck.VerificationReport;

/**
 * The console's last verification is kept in the hub's database: another instance reading the same database (another
 * hub, or this one after a restart) shows the same run, with who ran it, when, up to which position and its outcome.
 */
@HubTest
@TestPropertySource(properties = "studyledger.console.client-id=studyledger-console")
class ConsoleVerificationTest {
    @Autowired
    LastVerification verifications;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLastRunIsReadBackByAnotherInstanceWithWhoWhenWhereAndWhat() {
        assertThat(verifications.last()).isNull();
        Instant before = Instant.now();
        verifications.remember("Study auditor", 41, new VerificationReport(LedgerScope.of(null, null), 3, 42, true, List.of()));
        verifications.remember("Second auditor", 57, new VerificationReport(LedgerScope.of("PAV", null), 2, 20, true, List.of()));

        LastVerification.Run last = new LastVerification(jdbc).last();
        assertThat(last.by()).isEqualTo("Second auditor");
        assertThat(last.position()).isEqualTo(57);
        assertThat(last.scope()).isEqualTo("center PAV");
        assertThat(last.valid()).isTrue();
        assertThat(last.failures()).isZero();
        assertThat(last.eventsChecked()).isEqualTo(20);
        assertThat(last.subjectsChecked()).isEqualTo(2);
        assertThat(last.at()).isBetween(before.minus(Duration.ofSeconds(1)), Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(verifications.last()).isEqualTo(last);
    }
}
