package org.studyledger.hub.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;

/**
 * What the tests that put messages on center topics share: a plain Kafka producer per test, and the hub to read
 * back what it made of them. Each subclass creates its own centers' topics in a {@code @BeforeAll}.
 */
abstract class LedgerInputTest {
    @Autowired
    HubProperties props;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    LedgerFixtures.Hub hub;
    LedgerFixtures.Producer producer;

    @BeforeEach
    void connect() {
        hub = new LedgerFixtures.Hub(props, http, jdbc);
        producer = new LedgerFixtures.Producer(props);
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }
}
