package org.studyledger.hub.dataset;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ADQS parameters: which score of which instrument each PARAMCD is, in dataset order (PARAMN).
 * Score codes are the instrument catalogue's (shared-kernel {@code instrument/catalogue/*.json}).
 */
public enum Parameter {
    MADRSTOT("MADRS", "MADRS_TOTAL", "MADRS Total Score"),
    RFQC("RFQ8", "RFQ_C", "RFQ-8 Certainty about Mental States (RFQ_c)"),
    RFQU("RFQ8", "RFQ_U", "RFQ-8 Uncertainty about Mental States (RFQ_u)"),
    PSYCHTOT("PSYCHACHE", "PSYCHACHE_TOTAL", "Psychache Scale Total Score"),
    CSSRSSEV("CSSRS", "CSSRS_IDEATION_SEVERITY", "C-SSRS Suicidal Ideation Severity"),
    RMETTOT("RMET", "RMET_TOTAL", "RMET Total Correct"),
    AAQTOT("AAQ2", "AAQ2_TOTAL", "AAQ-II Total Score");

    private final String instrument;
    private final String score;
    private final String label;

    Parameter(String instrument, String score, String label) {
        this.instrument = instrument;
        this.score = score;
        this.label = label;
    }

    public String paramcd() {
        return name();
    }

    /** Instrument code the parameter comes from. */
    public String instrument() {
        return instrument;
    }

    /** Score code within that instrument. */
    public String score() {
        return score;
    }

    /** PARAM. */
    public String label() {
        return label;
    }

    /** PARAMN: 1-based position in dataset order. */
    public int paramn() {
        return ordinal() + 1;
    }

    public static Optional<Parameter> byCode(String paramcd) {
        return Arrays.stream(values()).filter(p -> p.name().equals(paramcd)).findFirst();
    }
}
