package org.studyledger.center.intake.request;

/** Schema descriptions several request records share, so they read the same everywhere. */
final class Descriptions {
    static final String SUBJECT_ID = "The subject, <CENTER>-<NNN> (e.g. PAV-001); may repeat the path's subject, never name another";
    static final String INSTANT = "Date-time with an explicit offset (Z or +01:00), e.g. 2026-01-12T09:30:00+01:00";
    static final String DATE = "Date, yyyy-MM-dd";
    static final String FREE_TEXT = "Free text the platform records (bounded length, no control characters)";
    static final String BLOOD_PRESSURE = "Blood pressure in mmHg: {\"systolic\":128,\"diastolic\":82} or the text 128/82";
    static final String GENERATED_ID = "UUID chosen by the client (repeating a write safely); generated when absent";
    static final String ITEMS = "Item responses: item code → value (e.g. {\"MADRS_01\": 3, …}); every item of the instrument";

    private Descriptions() {
    }
}
