package org.studyledger.center.subject;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Subject repository's cache ({@link TransactionScopedCache}).
 *
 * @param committedSubjects how many subjects, as their last committed transaction left them, are kept for the next
 *                          transaction that writes them (the least recently used go first); 0 keeps none, and every
 *                          transaction then reads and replays a subject's events the first time it writes it. A subject
 *                          weighs a few kilobytes; a center has at most 999.
 */
@Validated
@ConfigurationProperties("studyledger.center.subject-cache")
public record SubjectCacheProperties(@Min(0) @DefaultValue("2000") int committedSubjects) {
}
