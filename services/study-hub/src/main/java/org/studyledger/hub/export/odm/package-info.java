/**
 * The CDISC ODM 1.3.2 export (docs/odm-export.md): the ledger written as a transactional ODM file, every
 * assessment, dose, correction and retraction a {@code FormData} with its {@code AuditRecord}, streamed with StAX
 * straight from the stored events, subject by subject, never holding the document in memory.
 */
package org.studyledger.hub.export.odm;
