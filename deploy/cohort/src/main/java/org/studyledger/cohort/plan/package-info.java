/**
 * A cohort as what goes over the wire: {@link org.studyledger.cohort.plan.CohortPlan} is the ordered list of
 * {@link org.studyledger.cohort.plan.PlannedRequest}s (method, path, headers, body); {@link
 * org.studyledger.cohort.plan.PlanContents} reads the requests back into clinical facts, and {@link
 * org.studyledger.cohort.plan.CohortStatistics} summarises them. Nothing here knows how the plan was generated.
 */
package org.studyledger.cohort.plan;
