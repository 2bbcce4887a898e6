package org.studyledger.cohort.model;

/**
 * A staff member of the synthetic study: who administers a form (its {@code rater}) and, in the plan, who does each
 * act. The loader itself acts as its center's client, whatever staff member the plan names.
 */
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
