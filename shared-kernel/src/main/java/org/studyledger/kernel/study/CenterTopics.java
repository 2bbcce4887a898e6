package org.studyledger.kernel.study;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of a study's Kafka topics: one per center, {@code <prefix>.<study>.<CENTER>.events}, the prefix being
 * {@code studyledger} by convention. The center publishes to its topic by this rule, the hub subscribes by it and
 * tells a message's center from it, and the access rules grant by it (a center writes its own topic; the hub
 * reads every topic that starts with {@link #studyPrefix()}).
 *
 * @param prefix  first part of every topic's name
 * @param studyId the study, e.g. {@code ESK-TRD}
 */
public record CenterTopics(String prefix, String studyId) {
    /** The prefix when none is configured. */
    public static final String DEFAULT_PREFIX = "studyledger";
    private static final String SUFFIX = ".events";

    public CenterTopics {
        Objects.requireNonNull(prefix, "topic prefix");
        Objects.requireNonNull(studyId, "study id");
    }

    /** With the conventional prefix. */
    public static CenterTopics of(String studyId) {
        return new CenterTopics(DEFAULT_PREFIX, studyId);
    }

    /** The topic of {@code centerId}. */
    public String topicOf(String centerId) {
        return studyPrefix() + centerId + SUFFIX;
    }

    /** What every topic of the study starts with, {@code <prefix>.<study>.}: the hub's prefixed read permission. */
    public String studyPrefix() {
        return prefix + "." + studyId + ".";
    }

    /** Every center's topic of the study, for a pattern subscription. */
    public Pattern pattern() {
        return Pattern.compile(Pattern.quote(studyPrefix()) + "[A-Z]{2," + CenterId.MAX_LENGTH + "}" + Pattern.quote(SUFFIX));
    }

    /** The center a topic belongs to by this rule; null for a topic outside it. */
    public String centerOf(String topic) {
        String start = studyPrefix();
        if (!topic.startsWith(start) || !topic.endsWith(SUFFIX) || topic.length() <= start.length() + SUFFIX.length()) {
            return null;
        }
        return topic.substring(start.length(), topic.length() - SUFFIX.length());
    }
}
