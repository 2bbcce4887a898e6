package org.studyledger.benchmark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The exports the benchmark measures, in the order it runs them, each through the hub's own HTTP endpoint. */
enum Export {
    ADSL_DATASET_JSON("ADSL", "/api/v1/datasets/adsl?format=dataset-json", Format.DATASET_JSON),
    ADQS_DATASET_JSON("ADQS", "/api/v1/datasets/adqs?format=dataset-json", Format.DATASET_JSON),
    ADEX_DATASET_JSON("ADEX", "/api/v1/datasets/adex?format=dataset-json", Format.DATASET_JSON),
    ODM("whole study", "/api/v1/exports/odm", Format.ODM),
    // The CSV answers run last: they were once rendered in memory, and should one exhaust the hub's heap, the other
    // exports are measured already.
    ADSL_CSV("ADSL", "/api/v1/datasets/adsl?format=csv", Format.CSV),
    ADQS_CSV("ADQS", "/api/v1/datasets/adqs?format=csv", Format.CSV),
    ADEX_CSV("ADEX", "/api/v1/datasets/adex?format=csv", Format.CSV);

    /** How an answer is counted. */
    enum Format { CSV, DATASET_JSON, ODM }

    private final String scope;
    private final String path;
    private final Format format;

    Export(String scope, String path, Format format) {
        this.scope = scope;
        this.path = path;
        this.format = format;
    }

    /** ADSL, ADQS, ADEX, or the whole study. */
    String scope() {
        return scope;
    }

    String path() {
        return path;
    }

    Format format() {
        return format;
    }

    /** The command-line name, e.g. {@code adqs-dataset-json}. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** e.g. {@code ADQS Dataset-JSON}, {@code ODM whole study}. */
    String title() {
        return switch (format) {
            case CSV -> scope + " CSV";
            case DATASET_JSON -> scope + " Dataset-JSON";
            case ODM -> "ODM " + scope;
        };
    }

    static Optional<Export> byCliName(String name) {
        return Arrays.stream(values()).filter(e -> e.cliName().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
