/**
 * Sends a {@link org.studyledger.cohort.plan.CohortPlan} to the centers' public intake over HTTP
 * ({@link org.studyledger.cohort.load.CohortLoader}): per center in plan order, centers in parallel, transient
 * failures retried, refusals reported with the center's problem details.
 */
package org.studyledger.cohort.load;
