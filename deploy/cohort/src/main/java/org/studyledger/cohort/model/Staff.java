package org.studyledger.cohort.model;

/** A staff member at a center as the intake sees them: the {@code X-Actor-Id} and {@code X-Actor-Role} headers. */
record Staff(String id, String role) {
    static final String RATER = "rater";
    static final String NURSE = "study-nurse";
    static final String INVESTIGATOR = "investigator";
    static final String DATA_MANAGER = "data-manager";

    static Staff rater(String center, int n) {
        return new Staff(center.toLowerCase() + "-rater-0" + n, RATER);
    }

    static Staff nurse(String center, int n) {
        return new Staff(center.toLowerCase() + "-nurse-0" + n, NURSE);
    }

    static Staff investigator(String center) {
        return new Staff(center.toLowerCase() + "-investigator-01", INVESTIGATOR);
    }

    static Staff dataManager(String center) {
        return new Staff(center.toLowerCase() + "-data-manager-01", DATA_MANAGER);
    }
}
