/**
 * The cohort summary ({@code GET /api/v1/cohort/summary}): per analysis visit, n, mean and SD of the MADRS
 * total over the analysis records of ADQS (ANL01FL = Y), responders and remitters, overall and by the
 * baseline mentalization group of ADSL (MENTGRP). A read-only view of the analysis-dataset tables, live or as of a
 * ledger position (an as-of snapshot, like every dataset read); the statistics are
 * {@link org.studyledger.hub.cohortsummary.CohortSummary}'s (pure). A query over the dataset's tables, neither a
 * projection of its own nor the synthetic cohort that deploy/cohort generates.
 */
package org.studyledger.hub.cohortsummary;
