/**
 * CDISC Dataset-JSON 1.1 export of the analysis dataset: one dataset (ADSL, ADQS or ADEX) per file, its
 * columns from the data dictionary ({@link org.studyledger.hub.dataset.dictionary.DataDictionary}), its rows
 * streamed from the projection tables with a Jackson generator (never the whole dataset in memory), in one
 * REPEATABLE READ snapshot so the record count, the rows, the ledger position and the content hash agree.
 * Deterministic: the creation time is the acceptance time of the last ledger event the dataset reflects, so
 * two exports of the same ledger state are byte-identical. Served as
 * {@code GET /api/v1/datasets/{name}?format=dataset-json}, and in the standard's NDJSON form (the metadata object on
 * the first line, one row per line) as {@code ?format=dataset-ndjson} (docs/dataset-json.md).
 */
package org.studyledger.hub.export.datasetjson;
