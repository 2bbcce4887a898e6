package org.studyledger.hub.cohortsummary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cohort summary's statistics (pure). For one group of subjects and one analysis visit: n (values), the
 * mean and the sample standard deviation (divisor n − 1) of the values, each rounded once to 2 decimals
 * HALF_UP (mean null when n = 0, SD null when n &lt; 2); responders and remitters: counts of CRIT1FL = Y and
 * CRIT2FL = Y, and their percent (2 decimals HALF_UP) of the values where the flag is evaluated, null when there is
 * none. Remission is evaluated on every post-baseline value; response only where there is a percent change (PCHG
 * not null): a baseline of 0 has none and is never a response, so counting it would lower the rate for nothing.
 */
public final class CohortSummary {
    public static final String ALL = "ALL";
    public static final List<String> COLUMNS = List.of("group", "avisit", "avisitn", "n", "mean", "sd",
            "n_response_evaluated", "responders", "responders_pct", "n_remission_evaluated", "remitters", "remitters_pct");
    private static final int SCALE = 2;
    private static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CohortSummary() {
    }

    /** One analysis record (ANL01FL = Y) of MADRSTOT: its visit, value, percent change, flags and the subject's MENTGRP. */
    public record Value(String avisit, BigDecimal aval, BigDecimal pchg, String crit1fl, String crit2fl, String mentgrp) {
        /** Response is evaluable: CRIT1FL is set and there is a percent change (a baseline above 0). */
        boolean responseEvaluable() {
            return crit1fl != null && pchg != null;
        }
    }

    /** One line of the summary. */
    public record Line(String group, String avisit, int avisitn, int n, BigDecimal mean, BigDecimal sd,
                       int responseEvaluated, int responders, BigDecimal respondersPct, int remissionEvaluated,
                       int remitters, BigDecimal remittersPct) {
        Object[] row() {
            return new Object[] {group, avisit, avisitn, n, mean, sd, responseEvaluated, responders, respondersPct,
                    remissionEvaluated, remitters, remittersPct};
        }
    }

    /** A protocol visit: code and target day (AVISITN). */
    public record VisitRef(String code, int targetDay) {
    }

    /** Every line: groups ALL then {@code groups} in order, each with every visit in protocol order. */
    public static List<Line> summarise(List<Value> values, List<VisitRef> visits, List<String> groups) {
        List<Line> lines = new ArrayList<>();
        List<String> all = new ArrayList<>();
        all.add(ALL);
        all.addAll(groups);
        for (String group : all) {
            for (VisitRef visit : visits) {
                List<Value> cell = values.stream().filter(v -> visit.code().equals(v.avisit()))
                        .filter(v -> ALL.equals(group) || group.equals(v.mentgrp())).toList();
                lines.add(line(group, visit, cell));
            }
        }
        return lines;
    }

    static Line line(String group, VisitRef visit, List<Value> cell) {
        List<BigDecimal> avals = cell.stream().map(Value::aval).filter(Objects::nonNull).toList();
        int responseEvaluated = (int) cell.stream().filter(Value::responseEvaluable).count();
        int responders = (int) cell.stream().filter(v -> v.responseEvaluable() && "Y".equals(v.crit1fl())).count();
        int remissionEvaluated = (int) cell.stream().filter(v -> v.crit2fl() != null).count();
        int remitters = (int) cell.stream().filter(v -> "Y".equals(v.crit2fl())).count();
        return new Line(group, visit.code(), visit.targetDay(), avals.size(), mean(avals), sd(avals), responseEvaluated,
                responders, percent(responders, responseEvaluated), remissionEvaluated, remitters,
                percent(remitters, remissionEvaluated));
    }

    /** The mean, 2 decimals HALF_UP; null for no values. */
    public static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal exact = exactMean(values);
        return exact == null ? null : exact.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The sample SD (n − 1), 2 decimals HALF_UP; null for fewer than two values. */
    public static BigDecimal sd(List<BigDecimal> values) {
        if (values.size() < 2) {
            return null;
        }
        BigDecimal mean = exactMean(values);
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            BigDecimal d = v.subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        BigDecimal variance = squares.divide(BigDecimal.valueOf(values.size() - 1L), EXACT);
        return variance.sqrt(EXACT).setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** 100 × count / of, 2 decimals HALF_UP; null when {@code of} is 0. */
    public static BigDecimal percent(int count, int of) {
        return of == 0 ? null : BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(of), SCALE,
                RoundingMode.HALF_UP);
    }

    private static BigDecimal exactMean(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), EXACT);
    }

    /** The lines as a table of {@link #COLUMNS}. */
    public static List<Object[]> rows(List<Line> lines) {
        return lines.stream().map(Line::row).toList();
    }
}
