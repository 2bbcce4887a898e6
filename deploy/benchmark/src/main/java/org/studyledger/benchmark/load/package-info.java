/**
 * Filling a hub database with the product's own code, fast enough for 100 000 subjects: the cohort generator's plans,
 * recorded as a center would, appended to the ledger in large batches and projected into the analysis dataset by the
 * hub's derivation.
 */
package org.studyledger.benchmark.load;
