package org.studyledger.cohort.model;

import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Item-level responses for each instrument, drawn from the latent state of a subject at a visit. Every form is
 * checked with the kernel's {@code ScoringEngine} before it goes into a plan.
 */
final class Forms {
    /** Relative weight of each MADRS item when a total is spread over the items (sadness and lassitude dominate). */
    private static final double[] MADRS_WEIGHTS = {1.25, 1.3, 1.05, 0.95, 0.7, 1.0, 1.1, 1.1, 1.0, 0.55};
    /** Item propensities of the CADSS: depersonalisation and derealisation items more often than amnesia items. */
    private static final double[] CADSS_WEIGHTS = {
        1.4, 1.6, 1.5, 1.2, 1.3, 1.0, 1.1, 1.5, 1.4, 1.2, 0.8, 0.9, 1.0, 1.1, 0.7, 0.6, 0.8, 0.6, 0.5, 0.9, 0.7, 0.5, 0.6};
    /** RMET item difficulty offsets (fixed, so the same item is hard for everyone). */
    private static final double[] RMET_DIFFICULTY = new double[36];

    static {
        SplittableRandom fixed = new SplittableRandom(0x524D4554L);
        for (int i = 0; i < RMET_DIFFICULTY.length; i++) {
            RMET_DIFFICULTY[i] = Draw.normal(fixed, 0, 0.15);
        }
    }

    private Forms() {
    }

    static String code(String prefix, int item) {
        return "%s_%02d".formatted(prefix, item);
    }

    /**
     * MADRS items summing exactly to {@code total}: each point goes to an item chosen in proportion to its weight
     * (times the subject's own profile), among items not yet at 6.
     */
    static SortedMap<String, Integer> madrs(SplittableRandom r, int total, double[] profile) {
        int[] items = new int[10];
        int target = Draw.clamp(total, 0, 60);
        for (int point = 0; point < target; point++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += items[i] < 6 ? MADRS_WEIGHTS[i] * profile[i] : 0;
            }
            double x = r.nextDouble() * sum;
            int chosen = -1;
            for (int i = 0; i < 10; i++) {
                if (items[i] < 6) {
                    chosen = i;
                    x -= MADRS_WEIGHTS[i] * profile[i];
                    if (x < 0) {
                        break;
                    }
                }
            }
            items[chosen]++;
        }
        return asMap("MADRS", items, 1);
    }

    /**
     * RFQ-8 answers consistent with latent uncertainty {@code u} and certainty {@code c} (both on the 0–3 scale of
     * the scores): each of the six values that make up RFQ_U is drawn around {@code u} and turned into the answer
     * that recodes to it; answers that recode to 0 for uncertainty carry the certainty instead.
     */
    static SortedMap<String, Integer> rfq8(SplittableRandom r, double u, double c) {
        int[] a = new int[9];
        for (int item : new int[] {2, 4, 5, 6, 8}) {
            int v = Draw.normalInt(r, u, 0.6, 0, 3);
            a[item] = v > 0 ? 4 + v : certaintyAnswer(r, c);
        }
        int v7 = Draw.normalInt(r, u, 0.6, 0, 3);
        a[7] = v7 > 0 ? 4 - v7 : Draw.between(r, 4, 7);
        for (int item : new int[] {1, 3}) {
            a[item] = certaintyAnswer(r, c);
        }
        int[] items = new int[8];
        System.arraycopy(a, 1, items, 0, 8);
        return asMap("RFQ8", items, 1);
    }

    /** An answer 1–4 whose certainty recode (1→3, 2→2, 3→1, 4→0) is drawn around {@code c}. */
    private static int certaintyAnswer(SplittableRandom r, double c) {
        return 4 - Draw.normalInt(r, c, 0.8, 0, 3);
    }

    /** Psychache Scale, 13 items 1–5, level rising with depression severity. */
    static SortedMap<String, Integer> psychache(SplittableRandom r, int madrsTotal, double offset) {
        double level = 1.2 + 2.7 * madrsTotal / 45.0 + offset;
        int[] items = new int[13];
        for (int i = 0; i < items.length; i++) {
            items[i] = Draw.normalInt(r, level, 0.7, 1, 5);
        }
        return asMap("PSYCHACHE", items, 1);
    }

    /** AAQ-II, 7 items 1–7: inflexibility with severity and with poor mentalization. */
    static SortedMap<String, Integer> aaq2(SplittableRandom r, int madrsTotal, double u, double offset) {
        double level = 2.0 + 3.0 * madrsTotal / 45.0 + 0.35 * (u - 1.1) + offset;
        int[] items = new int[7];
        for (int i = 0; i < items.length; i++) {
            items[i] = Draw.normalInt(r, level, 0.9, 1, 7);
        }
        return asMap("AAQ2", items, 1);
    }

    /** RMET, 36 items scored 1 (correct) / 0 against the key. */
    static SortedMap<String, Integer> rmet(SplittableRandom r, double ability) {
        int[] items = new int[36];
        for (int i = 0; i < items.length; i++) {
            items[i] = Draw.chance(r, Draw.clamp(ability - RMET_DIFFICULTY[i], 0.05, 0.98)) ? 1 : 0;
        }
        return asMap("RMET", items, 1);
    }

    /**
     * C-SSRS screen: ideation severity follows the MADRS suicidal-thoughts item; types up to the severity are
     * "yes" (a skipped question is 0), intensity items only when there is ideation.
     */
    static SortedMap<String, Integer> cssrs(SplittableRandom r, int madrs10) {
        int severity;
        if (madrs10 >= 4) {
            severity = Draw.chance(r, 0.8) ? Draw.between(r, 2, 3) : 1;
        } else if (madrs10 >= 2) {
            severity = Draw.chance(r, 0.55) ? Draw.between(r, 1, 2) : 0;
        } else {
            severity = Draw.chance(r, 0.1) ? 1 : 0;
        }
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int type = 1; type <= 5; type++) {
            items.put(code("CSSRS", type), type <= severity ? 1 : 0);
        }
        if (severity > 0) {
            items.put("CSSRS_FREQUENCY", Draw.clamp(severity + Draw.between(r, -1, 1), 1, 5));
            items.put("CSSRS_DURATION", Draw.clamp(severity + Draw.between(r, -1, 0), 1, 5));
            items.put("CSSRS_CONTROLLABILITY", Draw.between(r, 0, Math.min(5, severity + 1)));
            items.put("CSSRS_DETERRENTS", Draw.between(r, 0, Math.min(5, severity + 1)));
            items.put("CSSRS_REASONS", Draw.between(r, 0, Math.min(5, severity + 2)));
        }
        items.put("CSSRS_ACTUAL", 0);
        items.put("CSSRS_INTERRUPTED", 0);
        items.put("CSSRS_ABORTED", severity >= 3 && Draw.chance(r, 0.15) ? 1 : 0);
        items.put("CSSRS_PREPARATORY", 0);
        return items;
    }

    /** CADSS items 0–4 summing exactly to {@code total}, spread by item propensity. */
    static SortedMap<String, Integer> cadss(SplittableRandom r, int total) {
        int[] items = new int[23];
        int target = Draw.clamp(total, 0, 92);
        for (int point = 0; point < target; point++) {
            double sum = 0;
            for (int i = 0; i < items.length; i++) {
                sum += items[i] < 4 ? CADSS_WEIGHTS[i] : 0;
            }
            double x = r.nextDouble() * sum;
            int chosen = -1;
            for (int i = 0; i < items.length; i++) {
                if (items[i] < 4) {
                    chosen = i;
                    x -= CADSS_WEIGHTS[i];
                    if (x < 0) {
                        break;
                    }
                }
            }
            items[chosen]++;
        }
        return asMap("CADSS", items, 1);
    }

    private static SortedMap<String, Integer> asMap(String prefix, int[] values, int firstItem) {
        SortedMap<String, Integer> map = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(code(prefix, firstItem + i), values[i]);
        }
        return map;
    }
}
