/**
 * The synthetic ESK-TRD cohort: {@link org.studyledger.cohort.CohortMain} generates a deterministic plan of intake
 * requests ({@code model}), describes it ({@code plan}) and sends it to the centers' public intake ({@code load}).
 */
package org.studyledger.cohort;
