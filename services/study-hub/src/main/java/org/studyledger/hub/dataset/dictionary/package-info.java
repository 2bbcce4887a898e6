/**
 * The data dictionary of the analysis dataset: one {@link org.studyledger.hub.dataset.dictionary.Variable} per
 * variable of ADSL, ADQS and ADEX (name, label, Dataset-JSON data type and target data type, length, display format,
 * key sequence, derivation), in the order the dataset endpoints output them. It is the single source for the
 * dictionary endpoints ({@code GET /api/v1/datasets/dictionary}, {@code GET /api/v1/datasets/{name}/dictionary}), the
 * column metadata of the Dataset-JSON and NDJSON exports and {@code docs/data-dictionary.md} (generated from it, a test
 * keeps them equal). {@link org.studyledger.hub.dataset.dictionary.TextLengths} holds the defined lengths of text
 * values, which the ODM export's ItemDefs share.
 */
package org.studyledger.hub.dataset.dictionary;
