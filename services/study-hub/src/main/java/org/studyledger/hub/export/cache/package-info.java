/**
 * Renders an export once: the body is written to a file on disk while it is hashed, so the content hash (a response
 * header, needed before the body) costs no second rendering, and the same export asked again (same dataset or scope,
 * format, ledger state and caller view) is sent from the file. A bounded on-disk cache
 * ({@link org.studyledger.hub.export.cache.ExportCacheProperties}); concurrent identical requests render once.
 */
package org.studyledger.hub.export.cache;
