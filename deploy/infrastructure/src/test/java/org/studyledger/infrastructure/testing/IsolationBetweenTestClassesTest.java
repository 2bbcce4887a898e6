package org.studyledger.infrastructure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs two sample test classes through the extension and checks that neither sees what the other wrote,
 * whichever runs first. Surefire does not pick up the samples themselves: they are nested classes.
 */
class IsolationBetweenTestClassesTest {

    static final Map<String, String> databases = new ConcurrentHashMap<>();
    static final Map<String, String> topicPrefixes = new ConcurrentHashMap<>();
    static final Map<String, Boolean> markerAlreadyThere = new ConcurrentHashMap<>();

    @Test
    void twoTestClassesGetDifferentDatabasesAndTopicNamespaces() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstSample.class), selectClass(SecondSample.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(databases.get("first")).startsWith("t_firstsample_");
        assertThat(databases.get("second")).startsWith("t_secondsample_");
        assertThat(markerAlreadyThere).as("one class's table visible to the other")
                .containsOnlyKeys("first", "second").doesNotContainValue(true);
        assertThat(topicPrefixes.get("first")).startsWith("t-firstsample-").isNotEqualTo(topicPrefixes.get("second"));
        assertThat(databases.get("first-nested")).as("a @Nested class shares its enclosing class's database")
                .isEqualTo(databases.get("first"));
    }

    @RealInfrastructure
    static class FirstSample {

        @Test
        void writes(TestDatabase database, TestKafka kafka) throws SQLException {
            databases.put("first", database.name());
            topicPrefixes.put("first", kafka.topicPrefix());
            markerAlreadyThere.put("first", createMarker(database));
        }

        @Nested
        class Inner {
            @Test
            void reads(TestDatabase database) {
                databases.put("first-nested", database.name());
            }
        }
    }

    @RealInfrastructure
    static class SecondSample {

        @Test
        void writesToo(TestDatabase database, TestKafka kafka) throws SQLException {
            databases.put("second", database.name());
            topicPrefixes.put("second", kafka.topicPrefix());
            markerAlreadyThere.put("second", createMarker(database));
        }
    }

    /** Creates the marker table; returns whether it was there already. */
    private static boolean createMarker(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            boolean existed = PostgresHarnessTest.tableExists(connection, "marker");
            statement.execute("CREATE TABLE IF NOT EXISTS marker (id int)");
            return existed;
        }
    }
}
