package org.studyledger.center.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much the intake reads of one request, so a hostile or broken client gets a clear refusal instead of
 * exhausting the service's memory. Documented in docs/api.md ("Limits").
 *
 * @param maxBodySize     the largest JSON body of a write (larger: 413)
 * @param maxFileSize     the largest CSV file an import takes (larger: 413)
 * @param maxNestingDepth the deepest nesting of objects and arrays in a JSON body (the intake's own bodies need 2)
 * @param maxNumberLength the most characters of one JSON number or numeric CSV item cell
 * @param maxStringLength the most characters of one JSON string or field name, or of one CSV cell
 * @param maxBatchItems   the most writes one batch request holds (more: 422)
 */
@Validated
@ConfigurationProperties("studyledger.center.intake")
public record IntakeProperties(
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @NotNull @DefaultValue("16MB") DataSize maxFileSize,
        @Min(2) @Max(1000) @DefaultValue("16") int maxNestingDepth,
        @Min(10) @Max(1000) @DefaultValue("50") int maxNumberLength,
        @Min(64) @Max(1_000_000) @DefaultValue("10000") int maxStringLength,
        @Min(1) @Max(10_000) @DefaultValue("500") int maxBatchItems) {

    public IntakeProperties {
        requirePositive(maxBodySize, "max-body-size");
        requirePositive(maxFileSize, "max-file-size");
    }

    private static void requirePositive(DataSize size, String name) {
        if (size != null && (size.toBytes() <= 0 || size.toBytes() > Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("studyledger.center.intake." + name + " must be above 0 and below 2GB, got "
                    + size);
        }
    }
}
