package org.studyledger.hub.dataset.dictionary;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.validation.Text;

/**
 * The defined lengths of the text values the exports carry, in characters (Unicode code points), each taken from the
 * definition of its source: the kernel's identifier formats, the vocabularies of the protocol, the instrument
 * catalogue and the hub's derivations. The data dictionary (ADaM datasets, their Dataset-JSON and CSV forms, the
 * dictionary endpoints and docs) and the ODM export's ItemDefs take their lengths from here, so the same value has
 * the same length in every export. Lengths are never measured from the data.
 */
public final class TextLengths {
    /**
     * Free text (reasons, an adverse event's verbatim term, the rater, the consent form's version): the kernel's bound,
     * which the wire schema states and the centers and the hub enforce ({@link Text#MAX_FREE_TEXT}).
     */
    public static final int FREE_TEXT = Text.MAX_FREE_TEXT;
    /** An event's own ids (assessment, dose, adverse event): lower-case UUIDs. */
    public static final int UUID = 36;
    /** A Y/N flag. */
    public static final int FLAG = 1;
    public static final int STUDY_ID = StudyId.MAX_LENGTH;
    public static final int CENTER_ID = CenterId.MAX_LENGTH;
    public static final int SUBJECT_ID = SubjectId.MAX_LENGTH;
    /**
     * An enrolment's protocol version: the centers write {@code <study>/<version>} ({@code ESK-TRD/1}); the hub keeps
     * it in 32 characters (adsl.protver, subject_summary.protocol_version).
     */
    public static final int PROTOCOL_VERSION = 32;
    /** CDISC SEX: F, M, U. */
    public static final int SEX = longestName(Sex.values());
    /** A 32-bit integer of the wire format, in digits without its sign (10). */
    public static final int INT32_DIGITS = Integer.toString(Integer.MAX_VALUE).length();

    private TextLengths() {
    }

    /** The length of a value: its Unicode code points, as a receiving system counts characters. */
    public static int of(String value) {
        return value.codePointCount(0, value.length());
    }

    /** The length of the longest of {@code values}. */
    public static int longest(Collection<String> values) {
        return values.stream().mapToInt(TextLengths::of).max()
                .orElseThrow(() -> new IllegalArgumentException("no values"));
    }

    /** The length of the longest constant name of an enumeration. */
    public static int longestName(Enum<?>[] values) {
        return longest(Arrays.stream(values).map(Enum::name).toList());
    }

    /** The digits before the decimal point of the larger magnitude of {@code min} and {@code max} (at least 1). */
    public static int integerDigits(BigDecimal min, BigDecimal max) {
        BigDecimal magnitude = min.abs().max(max.abs());
        return Math.max(1, magnitude.setScale(0, java.math.RoundingMode.DOWN).toPlainString().length());
    }
}
