package org.studyledger.hub.cohortsummary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.studyledger.hub.HubProperties;
import org.studyledger.hub.HubTest;
import org.studyledger.hub.ledger.LedgerIntake;
import org.studyledger.hub.projection.Cohort;

/**
 * The ADaM derivations and the cohort summary end to end, on the scripted {@link Cohort} (hand-computed):
 * MADRS T0 PAV-001 30, MIL-001 28; W1 15 (corrected, exactly -50 %) and 20; M1 PAV-001 10. Only PAV-001 has a
 * baseline RFQ_u, so it is the median and PAV-001 is LOW RFQ_U (a tie with the median is LOW).
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortSummaryApiTest {
    @Autowired
    LedgerIntake intake;
    @Autowired
    HubProperties hub;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @BeforeAll
    void feedTheLedger() {
        new Cohort().feed(intake, hub);
        Cohort.awaitCaughtUp(http, Cohort.EVENTS);
    }

    @Test
    void adslCarriesWeeksOnTreatmentCadssPeakAndTheMentalizationGroup() {
        Map<String, Object> pav1 = jdbc.queryForMap("SELECT trtdurw, cadsspk, mentgrp, eosstt, conwdfl FROM adsl"
                + " WHERE usubjid = 'PAV-001'");
        assertThat((BigDecimal) pav1.get("trtdurw")).isEqualByComparingTo("0.7");   // 12..16 January: 5 / 7
        assertThat((BigDecimal) pav1.get("cadsspk")).isEqualByComparingTo("6");
        assertThat(pav1.get("mentgrp")).isEqualTo("LOW RFQ_U");
        assertThat(pav1.get("eosstt")).isEqualTo("DISCONTINUED");
        assertThat(pav1.get("conwdfl")).isEqualTo("N");
        Map<String, Object> mil1 = jdbc.queryForMap("SELECT trtdurw, mentgrp FROM adsl WHERE usubjid = 'MIL-001'");
        assertThat((BigDecimal) mil1.get("trtdurw")).isEqualByComparingTo("0.1");   // one day
        assertThat(mil1.get("mentgrp")).isNull();
        assertThat(jdbc.queryForObject("SELECT trtdurw FROM adsl WHERE usubjid = 'PAV-002'", BigDecimal.class)).isNull();
    }

    @Test
    void adexAndAdqsCarryTheNewColumns() {
        assertThat(jdbc.queryForList("SELECT sbpchg FROM adex WHERE usubjid = 'PAV-001' ORDER BY sessnum", Integer.class))
                .containsExactly(13, 45, null);
        assertThat(jdbc.queryForList("SELECT dbpchg FROM adex WHERE usubjid = 'PAV-001' ORDER BY sessnum", Integer.class))
                .containsExactly(8, 5, null);
        Map<String, Object> w1 = jdbc.queryForMap("SELECT avisit, avisitn, visit, ady, awtarget, awtdiff, anl01fl, pchg,"
                + " crit1fl FROM adqs WHERE usubjid = 'PAV-001' AND paramcd = 'MADRSTOT' AND visit = 'W1'");
        assertThat(w1).containsEntry("avisit", "W1").containsEntry("avisitn", 8).containsEntry("visit", "W1")
                .containsEntry("ady", 8).containsEntry("awtarget", 8).containsEntry("awtdiff", 0)
                .containsEntry("anl01fl", "Y").containsEntry("crit1fl", "Y");
        assertThat((BigDecimal) w1.get("pchg")).isEqualByComparingTo("-50.00");
    }

    @Test
    void cohortSummaryPerVisitOverallAndByGroup() throws Exception {
        JsonNode lines = json.readTree(http.getForObject("/api/v1/cohort/summary", String.class));
        assertThat(lines).hasSize(3 * 6);
        JsonNode t0 = line(lines, "ALL", "T0");
        assertThat(t0.get("n").asInt()).isEqualTo(2);
        assertThat(t0.get("mean").decimalValue()).isEqualTo(new BigDecimal("29.00"));
        assertThat(t0.get("sd").decimalValue()).isEqualTo(new BigDecimal("1.41"));     // sqrt 2
        assertThat(t0.get("responders_pct").isNull()).isTrue();
        JsonNode w1 = line(lines, "ALL", "W1");
        assertThat(w1.get("n").asInt()).isEqualTo(2);
        assertThat(w1.get("mean").decimalValue()).isEqualTo(new BigDecimal("17.50"));
        assertThat(w1.get("sd").decimalValue()).isEqualTo(new BigDecimal("3.54"));     // sqrt 12.5
        assertThat(w1.get("responders").asInt()).isEqualTo(1);
        assertThat(w1.get("responders_pct").decimalValue()).isEqualTo(new BigDecimal("50.00"));
        assertThat(w1.get("remitters").asInt()).isEqualTo(0);
        assertThat(w1.get("remitters_pct").decimalValue()).isEqualTo(new BigDecimal("0.00"));
        JsonNode m1 = line(lines, "ALL", "M1");
        assertThat(m1.get("n").asInt()).isEqualTo(1);
        assertThat(m1.get("sd").isNull()).isTrue();
        assertThat(m1.get("remitters_pct").decimalValue()).isEqualTo(new BigDecimal("100.00"));
        JsonNode lowW1 = line(lines, "LOW RFQ_U", "W1");
        assertThat(lowW1.get("n").asInt()).isEqualTo(1);
        assertThat(lowW1.get("mean").decimalValue()).isEqualTo(new BigDecimal("15.00"));
        assertThat(line(lines, "HIGH RFQ_U", "T0").get("n").asInt()).isZero();
        assertThat(line(lines, "ALL", "M6").get("mean").isNull()).isTrue();

        String csv = http.getForObject("/api/v1/cohort/summary?format=csv", String.class);
        assertThat(csv).startsWith("group,avisit,avisitn,n,mean,sd,");
        assertThat(csv).contains("ALL,W1,8,2,17.50,3.54,2,1,50.00,2,0,0.00");
    }

    private static JsonNode line(JsonNode lines, String group, String visit) {
        for (JsonNode l : lines) {
            if (l.get("group").asText().equals(group) && l.get("avisit").asText().equals(visit)) {
                return l;
            }
        }
        throw new AssertionError("no line " + group + " " + visit);
    }
}
