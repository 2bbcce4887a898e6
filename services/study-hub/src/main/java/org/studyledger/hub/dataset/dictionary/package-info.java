/**
 * The data dictionary of the analysis dataset: one {@link org.studyledger.hub.dataset.dictionary.Variable} per
 * variable of ADSL, ADQS and ADEX (name, label, Dataset-JSON data type, length, key sequence, derivation), in
 * the order the dataset endpoints output them. It is the single source for the dictionary endpoints
 * ({@code GET /api/v1/datasets/dictionary}, {@code GET /api/v1/datasets/{name}/dictionary}), the Dataset-JSON
 * export's column metadata and {@code docs/data-dictionary.md} (generated from it, a test keeps them equal).
 */
package org.studyledger.hub.dataset.dictionary;
