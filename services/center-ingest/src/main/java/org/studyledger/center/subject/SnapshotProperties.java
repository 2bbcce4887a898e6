package org.studyledger.center.subject;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Snapshots of the Subject aggregate ({@link SubjectStorage}).
 *
 * @param enabled whether the center's event store keeps snapshots: stores them when one is taken and reads a subject's
 *                latest before its events. The center takes none (a subject's history is short, and a committed
 *                subject is kept between transactions instead: {@link SubjectCacheProperties}), so by default the
 *                store neither reads the snapshot table before each load, which would cost a query each time a
 *                subject is loaded, nor accepts a snapshot it would then never read.
 */
@Validated
@ConfigurationProperties("studyledger.center.snapshots")
public record SnapshotProperties(@DefaultValue("false") boolean enabled) {
}
