package org.studyledger.kernel.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.studyledger.kernel.validation.Problem;

/**
 * Checks a definition before the engine will use it, so that every rule the engine later meets
 * is well-formed: references resolve to earlier scores, recode tables cover every answer, bands
 * tile the score's range, and each declared range equals the one the items imply (a typo in
 * "13–65" is caught here rather than in an analysis).
 */
final class DefinitionChecker {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final int MAX_SCALE = 10;

    private final Instrument definition;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, ScoreRule> scores = new LinkedHashMap<>();

    private DefinitionChecker(Instrument definition) {
        this.definition = definition;
    }

    static List<Problem> check(Instrument definition) {
        DefinitionChecker checker = new DefinitionChecker(definition);
        checker.run();
        return List.copyOf(checker.problems);
    }

    private void run() {
        checkHeader();
        if (definition.items().isEmpty()) {
            problem("items", "must list at least one item");
        }
        for (int i = 0; i < definition.items().size(); i++) {
            checkItem("items[" + i + "]", definition.items().get(i));
        }
        if (definition.scores().isEmpty()) {
            problem("scores", "must list at least one score");
        }
        for (int j = 0; j < definition.scores().size(); j++) {
            checkScore("scores[" + j + "]", definition.scores().get(j));
        }
        // Items may test any score (they are not ordered among the scores), but only one that is
        // always computed, so "required" vs "must be absent" is always decidable.
        for (int i = 0; i < definition.items().size(); i++) {
            Item item = definition.items().get(i);
            if (item != null && item.appliesWhen() != null) {
                checkCondition("items[" + i + "].applies_when", item.appliesWhen(), "a score of this instrument");
            }
        }
    }

    private void checkHeader() {
        if (definition.format() == null) {
            problem("format", "is required (this engine reads format " + Instrument.FORMAT + ")");
        } else if (definition.format() != Instrument.FORMAT) {
            problem("format", "is " + definition.format() + "; this engine reads format " + Instrument.FORMAT + " only");
        }
        if (blank(definition.code())) {
            problem("code", "is required");
        } else {
            try {
                new InstrumentRef(definition.code(), "1");
            } catch (IllegalArgumentException e) {
                problem("code", e.getMessage());
            }
        }
        if (blank(definition.version())) {
            problem("version", "is required");
        } else {
            try {
                new InstrumentRef("XX", definition.version());
            } catch (IllegalArgumentException e) {
                problem("version", e.getMessage());
            }
        }
        if (blank(definition.name())) {
            problem("name", "is required");
        }
        if (blank(definition.source())) {
            problem("source", "is required (the citation the items and scoring come from)");
        }
    }

    private void checkItem(String path, Item item) {
        if (item == null) {
            problem(path, "is empty");
            return;
        }
        if (checkCode(path + ".code", item.code())) {
            items.put(item.code(), item);
        }
        if (blank(item.label())) {
            problem(path + ".label", "is required");
        }
        if (item.min() == null) {
            problem(path + ".min", "is required");
        }
        if (item.max() == null) {
            problem(path + ".max", "is required");
        }
        if (item.min() != null && item.max() != null && item.min() > item.max()) {
            problem(path + ".max", "must not be below min (" + item.min() + "), got " + item.max());
        }
        if (item.integer() == null) {
            problem(path + ".integer", "is required (true)");
        } else if (!item.integer()) {
            problem(path + ".integer", "must be true: this engine scores whole-number answers only");
        }
    }

    private void checkScore(String path, ScoreRule rule) {
        if (rule == null) {
            problem(path, "is empty");
            return;
        }
        boolean codeOk = checkCode(path + ".code", rule.code());
        if (blank(rule.label())) {
            problem(path + ".label", "is required");
        }
        if (rule.appliesWhen() != null) {
            checkCondition(path + ".applies_when", rule.appliesWhen(), "a score defined before this one");
        }
        if (rule instanceof ScoreRule.Sum sum) {
            boolean resolved = checkItems(path + ".items", sum.items(), rule, false, new HashSet<>());
            if (resolved) {
                int min = 0;
                int max = 0;
                for (String code : sum.items()) {
                    min += items.get(code).min();
                    max += items.get(code).max();
                }
                checkRange(path, sum, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
            } else {
                checkRange(path, sum, null, null);
            }
        } else if (rule instanceof ScoreRule.HighestPositive highest) {
            checkItems(path + ".items", highest.items(), rule, true, new HashSet<>());
            checkRange(path, highest, BigDecimal.ZERO, BigDecimal.valueOf(highest.items().size()));
        } else if (rule instanceof ScoreRule.Mean mean) {
            checkMean(path, mean);
        } else if (rule instanceof ScoreRule.AnyPositive any) {
            checkItems(path + ".items", any.items(), rule, true, new HashSet<>());
        } else if (rule instanceof ScoreRule.Bands bands) {
            checkBands(path, bands);
        } else if (rule instanceof ScoreRule.Flag flag) {
            if (flag.when() == null) {
                problem(path + ".when", "is required (the condition that makes the flag " + ScoreRule.YES + ")");
            } else {
                checkCondition(path + ".when", flag.when(), "a score defined before this one");
            }
        }
        if (codeOk && !scores.containsKey(rule.code())) {
            scores.put(rule.code(), rule);
        }
    }

    private void checkMean(String path, ScoreRule.Mean mean) {
        if (mean.groups().isEmpty()) {
            problem(path + ".groups", "must list at least one group of items with its recode table");
        }
        Set<String> seen = new HashSet<>();
        boolean resolved = true;
        long lowest = 0;
        long highest = 0;
        for (int g = 0; g < mean.groups().size(); g++) {
            String groupPath = path + ".groups[" + g + "]";
            ScoreRule.RecodeGroup group = mean.groups().get(g);
            if (group == null) {
                problem(groupPath, "is empty");
                resolved = false;
                continue;
            }
            if (!checkItems(groupPath + ".items", group.items(), mean, false, seen)) {
                resolved = false;
                continue;
            }
            for (String code : group.items()) {
                Item item = items.get(code);
                if (!checkRecode(groupPath + ".recode", item, group.recode())) {
                    resolved = false;
                    continue;
                }
                int low = Integer.MAX_VALUE;
                int high = Integer.MIN_VALUE;
                for (int answer = item.min(); answer <= item.max(); answer++) {
                    low = Math.min(low, group.recode().get(answer));
                    high = Math.max(high, group.recode().get(answer));
                }
                lowest += low;
                highest += high;
            }
        }
        boolean scaleOk = true;
        if (mean.scale() == null) {
            problem(path + ".scale", "is required (decimals kept after rounding)");
            scaleOk = false;
        } else if (mean.scale() < 0 || mean.scale() > MAX_SCALE) {
            problem(path + ".scale", "must be from 0 to " + MAX_SCALE + ", got " + mean.scale());
            scaleOk = false;
        }
        if (mean.rounding() == null) {
            problem(path + ".rounding", "is required (e.g. HALF_UP)");
            scaleOk = false;
        } else if (mean.rounding() == RoundingMode.UNNECESSARY) {
            problem(path + ".rounding", "must round: a mean of whole numbers is often not exact");
            scaleOk = false;
        }
        if (resolved && scaleOk && !seen.isEmpty()) {
            checkRange(path, mean,
                    ScoringEngine.mean(lowest, seen.size(), mean.scale(), mean.rounding()),
                    ScoringEngine.mean(highest, seen.size(), mean.scale(), mean.rounding()));
        } else {
            checkRange(path, mean, null, null);
        }
    }

    private boolean checkRecode(String path, Item item, Map<Integer, Integer> recode) {
        Set<Integer> missing = new TreeSet<>();
        for (int answer = item.min(); answer <= item.max(); answer++) {
            if (recode.get(answer) == null) {
                missing.add(answer);
            }
        }
        Set<Integer> extra = new TreeSet<>();
        for (Integer key : recode.keySet()) {
            if (key < item.min() || key > item.max()) {
                extra.add(key);
            }
        }
        if (!missing.isEmpty()) {
            problem(path, "must give a value for every answer of " + item.code() + " (" + item.min() + " to "
                    + item.max() + "); missing " + missing);
        }
        if (!extra.isEmpty()) {
            problem(path, "maps " + extra + ", which " + item.code() + " cannot take (" + item.min() + " to "
                    + item.max() + ")");
        }
        return missing.isEmpty();
    }

    private void checkBands(String path, ScoreRule.Bands rule) {
        ScoreRule.NumericRule source = null;
        if (blank(rule.of())) {
            problem(path + ".of", "is required (the score the bands classify)");
        } else if (!(scores.get(rule.of()) instanceof ScoreRule.NumericRule numeric)) {
            problem(path + ".of", scores.containsKey(rule.of())
                    ? rule.of() + " is a category; bands classify a numeric score"
                    : "refers to " + rule.of() + ", which is not a score defined before this one");
        } else if (!numeric.integral()) {
            problem(path + ".of", rule.of() + " is not a whole number; bands are integer ranges");
        } else if (numeric.appliesWhen() != null) {
            problem(path + ".of", rule.of() + " is conditional; bands classify a score that is always computed");
        } else {
            source = numeric;
        }
        if (rule.bands().isEmpty()) {
            problem(path + ".bands", "must list at least one band");
            return;
        }
        Integer previousMax = null;
        boolean complete = true;
        for (int b = 0; b < rule.bands().size(); b++) {
            String bandPath = path + ".bands[" + b + "]";
            ScoreRule.Band band = rule.bands().get(b);
            if (band == null || band.min() == null || band.max() == null) {
                problem(bandPath, "needs min and max");
                complete = false;
                previousMax = null;
                continue;
            }
            if (blank(band.label())) {
                problem(bandPath + ".label", "is required");
            }
            if (band.min() > band.max()) {
                problem(bandPath + ".max", "must not be below min (" + band.min() + "), got " + band.max());
            }
            if (previousMax != null && band.min() != previousMax + 1) {
                problem(bandPath + ".min", "must be " + (previousMax + 1)
                        + " so the bands neither overlap nor leave a gap, got " + band.min());
            }
            previousMax = band.max();
        }
        if (source != null && complete && source.min() != null && source.max() != null) {
            int first = rule.bands().get(0).min();
            int last = rule.bands().get(rule.bands().size() - 1).max();
            if (source.min().compareTo(BigDecimal.valueOf(first)) != 0
                    || source.max().compareTo(BigDecimal.valueOf(last)) != 0) {
                problem(path + ".bands", "cover " + first + " to " + last + " but " + rule.of() + " ranges "
                        + source.min().toPlainString() + " to " + source.max().toPlainString());
            }
        }
    }

    /**
     * Checks a rule's item list; returns whether every code resolved. A conditional item may only
     * feed a rule with the same condition, so a score never silently drops an unanswered item.
     */
    private boolean checkItems(String path, List<String> codes, ScoreRule rule, boolean yesNo, Set<String> seen) {
        if (codes.isEmpty()) {
            problem(path, "must list at least one item");
            return false;
        }
        boolean resolved = true;
        for (String code : codes) {
            Item item = code == null ? null : items.get(code);
            if (item == null) {
                problem(path, "refers to " + code + ", which is not an item of this instrument");
                resolved = false;
                continue;
            }
            if (!seen.add(code)) {
                problem(path, "lists " + code + " more than once");
            }
            if (yesNo && item.min() != null && item.max() != null && (item.min() != 0 || item.max() != 1)) {
                problem(path, code + " must be a yes/no item (0 to 1) for rule " + rule.ruleName());
            }
            if (item.appliesWhen() != null && !item.appliesWhen().sameAs(rule.appliesWhen())) {
                problem(path, code + " is asked only when " + item.appliesWhen()
                        + ", so this score needs the same applies_when");
            }
            if (item.min() == null || item.max() == null) {
                resolved = false;
            }
        }
        return resolved;
    }

    private void checkRange(String path, ScoreRule.NumericRule rule, BigDecimal min, BigDecimal max) {
        String hint = min == null ? "" : " (" + min.toPlainString() + ")";
        if (rule.min() == null) {
            problem(path + ".min", "is required: the documented lowest score" + hint);
        } else if (min != null && rule.min().compareTo(min) != 0) {
            problem(path + ".min", "is " + rule.min().toPlainString() + " but the items give "
                    + min.toPlainString());
        }
        hint = max == null ? "" : " (" + max.toPlainString() + ")";
        if (rule.max() == null) {
            problem(path + ".max", "is required: the documented highest score" + hint);
        } else if (max != null && rule.max().compareTo(max) != 0) {
            problem(path + ".max", "is " + rule.max().toPlainString() + " but the items give "
                    + max.toPlainString());
        }
    }

    /**
     * Conditions may only test numeric scores already known (for rules: defined earlier; for items:
     * anywhere, since {@link #run()} checks items' conditions after all scores). Only always-computed
     * scores may be tested, so a condition is never left undecidable by a legitimately absent score.
     */
    private void checkCondition(String path, Condition condition, String expected) {
        ScoreRule target = condition.score() == null ? null : scores.get(condition.score());
        if (condition.score() == null) {
            problem(path + ".score", "is required");
        } else if (target == null) {
            problem(path + ".score", "refers to " + condition.score() + ", which is not " + expected);
        } else if (!(target instanceof ScoreRule.NumericRule)) {
            problem(path + ".score", condition.score() + " is a category; conditions test numeric scores");
        } else if (target.appliesWhen() != null) {
            problem(path + ".score", condition.score() + " is itself conditional; test a score that is always computed");
        }
        if (condition.op() == null) {
            problem(path + ".op", "is required (>, >=, <, <=, == or !=)");
        }
        if (condition.value() == null) {
            problem(path + ".value", "is required");
        }
    }

    private boolean checkCode(String path, String code) {
        if (blank(code)) {
            problem(path, "is required");
            return false;
        }
        if (!CODE.matcher(code).matches()) {
            problem(path, "must be upper-case letters, digits or _ (at most 32), got " + code);
            return false;
        }
        if (items.containsKey(code) || scores.containsKey(code)) {
            problem(path, code + " is already used by an item or an earlier score");
            return false;
        }
        return true;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
