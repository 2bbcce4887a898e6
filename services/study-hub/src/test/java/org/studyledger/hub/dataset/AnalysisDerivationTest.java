package org.studyledger.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.protocol.Protocol;

class AnalysisDerivationTest {
    private final AnalysisDerivation derivation =
            new AnalysisDerivation(Protocol.eskTrd(), new StudyDates(ZoneId.of("Europe/Rome")));
    private final SubjectRecord.Enrolment enrolment = new SubjectRecord.Enrolment("ESK-TRD", "PAV-001", "PAV",
            LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 4), "ESK-TRD/1", 1970, "F", 14, 3);
    private long sequence = 1;

    private SubjectRecord.Form madrs(String visit, String at, int total) {
        return new SubjectRecord.Form("madrs-" + visit + "-" + sequence, "MADRS", "1", visit, null, Instant.parse(at),
                Map.of("MADRS_TOTAL", BigDecimal.valueOf(total)), sequence++);
    }

    private SubjectRecord.Dose dose(int session, String at, int mg, List<String> flags) {
        return new SubjectRecord.Dose("dose-" + session, session, true, Instant.parse(at), mg, mg / 28, 128, 82, 141, 90,
                120, null, null, flags, sequence++);
    }

    private List<AdqsRow> madrsRows(List<SubjectRecord.Form> forms, List<SubjectRecord.Dose> doses) {
        return derivation.derive(new SubjectRecord(enrolment, null, forms, doses)).adqs().stream()
                .filter(r -> r.paramcd().equals("MADRSTOT")).toList();
    }

    @Test
    void responseAtExactlyHalfTheBaselineAndRemissionAtTenButNotEleven() {
        List<SubjectRecord.Form> forms = new ArrayList<>();
        forms.add(madrs("T0", "2026-01-12T07:00:00Z", 30));
        forms.add(madrs("W1", "2026-01-19T09:00:00Z", 15));   // -50 %: response
        forms.add(madrs("M1", "2026-02-09T09:00:00Z", 16));   // -46.67 %: no response
        forms.add(madrs("M2", "2026-03-09T09:00:00Z", 10));   // remission
        forms.add(madrs("M3", "2026-04-13T09:00:00Z", 11));   // no remission
        List<AdqsRow> rows = madrsRows(forms, List.of(dose(1, "2026-01-12T09:00:00Z", 56, List.of())));

        assertThat(rows).extracting(AdqsRow::avisit).containsExactly("T0", "W1", "M1", "M2", "M3");
        AdqsRow t0 = rows.get(0);
        assertThat(t0.ablfl()).isEqualTo("Y");
        assertThat(t0.ady()).isEqualTo(1);
        assertThat(t0.base()).isEqualByComparingTo("30");
        assertThat(t0.chg()).isNull();
        assertThat(t0.pchg()).isNull();
        assertThat(t0.crit1fl()).isNull();
        assertThat(t0.crit2fl()).isNull();

        AdqsRow w1 = rows.get(1);
        assertThat(w1.ady()).isEqualTo(8);
        assertThat(w1.ablfl()).isNull();
        assertThat(w1.chg()).isEqualByComparingTo("-15");
        assertThat(w1.pchg()).isEqualTo(new BigDecimal("-50.00"));
        assertThat(w1.crit1()).isEqualTo("MADRS reduction >= 50% from baseline");
        assertThat(w1.crit1fl()).isEqualTo("Y");
        assertThat(w1.crit2()).isEqualTo("MADRS total <= 10");
        assertThat(w1.crit2fl()).isEqualTo("N");

        AdqsRow m1 = rows.get(2);
        assertThat(m1.pchg()).isEqualTo(new BigDecimal("-46.67"));
        assertThat(m1.crit1fl()).isEqualTo("N");
        assertThat(m1.avisitn()).isEqualTo(29);

        assertThat(rows.get(3).crit2fl()).isEqualTo("Y");
        assertThat(rows.get(3).crit1fl()).isEqualTo("Y");
        assertThat(rows.get(4).crit2fl()).isEqualTo("N");
        assertThat(rows.get(4).crit1fl()).isEqualTo("Y");
    }

    @Test
    void withoutT0TheLastPreDoseValueIsBaselineAndEarlierOnesGetNoChange() {
        List<SubjectRecord.Form> forms = List.of(
                madrs("W1", "2026-01-08T09:00:00Z", 33),   // day -4
                madrs("W1", "2026-01-11T09:00:00Z", 32),   // day -1: baseline
                madrs("W1", "2026-01-19T09:00:00Z", 20));  // day 8
        List<AdqsRow> rows = madrsRows(forms, List.of(dose(1, "2026-01-12T09:00:00Z", 56, List.of())));
        assertThat(rows).extracting(AdqsRow::ady).containsExactly(-4, -1, 8);
        assertThat(rows).extracting(AdqsRow::ablfl).containsExactly(null, "Y", null);
        assertThat(rows).allSatisfy(r -> assertThat(r.base()).isEqualByComparingTo("32"));
        assertThat(rows.get(0).chg()).isNull();
        assertThat(rows.get(2).chg()).isEqualByComparingTo("-12");
        assertThat(rows.get(2).pchg()).isEqualTo(new BigDecimal("-37.50"));
    }

    @Test
    void noChangeAndNoResponseWithoutABaseline() {
        List<AdqsRow> rows = madrsRows(List.of(madrs("W1", "2026-01-19T09:00:00Z", 12)),
                List.of(dose(1, "2026-01-12T09:00:00Z", 56, List.of())));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.base()).isNull();
            assertThat(r.chg()).isNull();
            assertThat(r.crit1fl()).isNull();
            assertThat(r.crit2fl()).isEqualTo("N");
        });
    }

    @Test
    void adslCountsDosesAndTakesBaselineCovariates() {
        List<SubjectRecord.Form> forms = List.of(madrs("T0", "2026-01-12T07:00:00Z", 30),
                new SubjectRecord.Form("rfq", "RFQ8", "1", "T0", null, Instant.parse("2026-01-12T07:10:00Z"),
                        Map.of("RFQ_C", new BigDecimal("1.1667"), "RFQ_U", new BigDecimal("1.6667")), sequence++));
        List<SubjectRecord.Dose> doses = List.of(dose(1, "2026-01-12T09:00:00Z", 56, List.of()),
                dose(2, "2026-01-15T23:30:00Z", 84, List.of("NOTABLE_BP_RISE")),
                new SubjectRecord.Dose("dose-3", 3, false, Instant.parse("2026-01-19T09:00:00Z"), null, null, 170, 105,
                        null, null, null, null, "BP too high", List.of(), sequence++));
        SubjectRecord subject = new SubjectRecord(enrolment,
                new SubjectRecord.Disposition(LocalDate.of(2026, 2, 20), "moved abroad", false, null), forms, doses);
        AnalysisDerivation.Rows rows = derivation.derive(subject);
        AdslRow adsl = rows.adsl();
        assertThat(adsl.age()).isEqualTo(56);
        assertThat(adsl.bmadrs()).isEqualByComparingTo("30");
        assertThat(adsl.brfqc()).isEqualByComparingTo("1.1667");
        assertThat(adsl.brfqu()).isEqualByComparingTo("1.6667");
        assertThat(adsl.trtsdt()).isEqualTo(LocalDate.of(2026, 1, 12));
        assertThat(adsl.trtedt()).isEqualTo(LocalDate.of(2026, 1, 16)); // 00:30 in Rome
        assertThat(adsl.nsesadm()).isEqualTo(2);
        assertThat(adsl.nseswh()).isEqualTo(1);
        assertThat(adsl.cumdose()).isEqualTo(140);
        assertThat(adsl.eosstt()).isEqualTo("DISCONTINUED");
        assertThat(adsl.conwdfl()).isEqualTo("N");

        assertThat(rows.adex()).extracting(AdexRow::sessnum).containsExactly(1, 2, 3);
        AdexRow second = rows.adex().get(1);
        assertThat(second.adt()).isEqualTo(LocalDate.of(2026, 1, 16));
        assertThat(second.ady()).isEqualTo(5);
        assertThat(second.bprisefl()).isEqualTo("Y");
        assertThat(second.bphighfl()).isEqualTo("N");
        assertThat(second.exflags()).isEqualTo("NOTABLE_BP_RISE");
        AdexRow withheld = rows.adex().get(2);
        assertThat(withheld.exoccur()).isEqualTo("N");
        assertThat(withheld.exdose()).isNull();
        assertThat(withheld.whreas()).isEqualTo("BP too high");
        assertThat(withheld.bprisefl()).isNull();
    }

    @Test
    void cadssOfASessionIsItsPeakAndFlaggedAboveFour() {
        List<SubjectRecord.Form> forms = List.of(
                new SubjectRecord.Form("c1", "CADSS", "1", null, 1, Instant.parse("2026-01-12T09:40:00Z"),
                        Map.of("CADSS_TOTAL", BigDecimal.valueOf(3)), sequence++),
                new SubjectRecord.Form("c2", "CADSS", "1", null, 1, Instant.parse("2026-01-12T10:40:00Z"),
                        Map.of("CADSS_TOTAL", BigDecimal.valueOf(4)), sequence++),
                new SubjectRecord.Form("c3", "CADSS", "1", null, 2, Instant.parse("2026-01-15T10:40:00Z"),
                        Map.of("CADSS_TOTAL", BigDecimal.valueOf(5)), sequence++));
        List<SubjectRecord.Dose> doses = List.of(dose(1, "2026-01-12T09:00:00Z", 56, List.of()),
                dose(2, "2026-01-15T09:00:00Z", 56, List.of()), dose(3, "2026-01-19T09:00:00Z", 56, List.of()));
        List<AdexRow> adex = derivation.derive(new SubjectRecord(enrolment, null, forms, doses)).adex();
        assertThat(adex).extracting(AdexRow::cadsstot).containsExactly(BigDecimal.valueOf(4), BigDecimal.valueOf(5), null);
        assertThat(adex).extracting(AdexRow::cadss4fl).containsExactly("N", "Y", null);
    }
}
