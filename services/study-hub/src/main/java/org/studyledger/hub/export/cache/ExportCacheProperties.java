package org.studyledger.hub.export.cache;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how much of the rendered exports the hub keeps ({@code studyledger.hub.export-cache.*}, docs/api.md).
 *
 * @param directory where the hub makes its cache directory (one of its own per hub process, removed when it stops);
 *                  empty: the system's temporary directory. It needs room for the largest export being sent at once,
 *                  which is written whole before its first byte goes out (the hash is a header), even when that
 *                  export is larger than {@code maxSize}
 * @param maxSize   the most the kept files may hold together; beyond it the least recently sent go first, and a file
 *                  larger than this on its own is removed once sent
 * @param ttl       a file not sent for this long is removed
 */
@ConfigurationProperties("studyledger.hub.export-cache")
@Validated
public record ExportCacheProperties(@NotNull @DefaultValue("") String directory,
                                    @NotNull @DefaultValue("2GB") DataSize maxSize,
                                    @NotNull @DefaultValue("1h") Duration ttl) {

    @AssertTrue(message = "must be at least 0")
    public boolean isMaxSizeNotNegative() {
        return maxSize == null || !maxSize.isNegative();
    }

    @AssertTrue(message = "must be positive")
    public boolean isTtlPositive() {
        return ttl == null || (!ttl.isNegative() && !ttl.isZero());
    }
}
