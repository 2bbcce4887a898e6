package org.studyledger.hub.export.cache;

/**
 * What makes two exports the same bytes: the export and its scope (dataset and filters, or the ODM file's scope), the
 * format, the ledger state it reflects and the caller's view. The ledger state is a position and a count: a position
 * alone does not name a state while the projection's segments (or concurrent ledger appends) fill in events below it.
 *
 * @param export   which export, e.g. {@code dataset}, {@code odm}
 * @param scope    the selection within it, e.g. {@code ADQS center=PAV paramcd=MADRS}
 * @param format   the rendering, e.g. {@code csv}, {@code dataset-json}
 * @param source   {@code live}, or the as-of position of a read
 * @param position the ledger position the export reflects
 * @param count    how many ledger events the export reflects (any count that grows with each one)
 * @param view     what the caller may see, e.g. {@code audit} or {@code clinical}
 */
public record ExportKey(String export, String scope, String format, String source, long position, long count,
                        String view) {
}
