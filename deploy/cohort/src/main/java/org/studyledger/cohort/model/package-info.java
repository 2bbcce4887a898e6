/**
 * The generative model of the synthetic ESK-TRD cohort: {@link org.studyledger.cohort.model.CohortGenerator}
 * draws subjects (latent mentalization, baseline severity, response trajectory), their visits, dosing sessions,
 * forms and special cases from a seeded {@link java.util.SplittableRandom}, and renders them as a
 * {@link org.studyledger.cohort.plan.CohortPlan} of intake requests.
 */
package org.studyledger.cohort.model;
