package org.studyledger.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;

/**
 * What a malicious DBA does to the ledger: as a superuser, switch the append-only trigger off for the transaction
 * ({@code SET LOCAL session_replication_role = replica}) and then update, delete or reorder stored events.
 */
final class LedgerTamper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    LedgerTamper(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Runs {@code change} with the ledger's triggers off (only a superuser can do this). */
    void asDba(Consumer<JdbcTemplate> change) {
        tx.executeWithoutResult(s -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            change.accept(jdbc);
        });
    }

    /** One statement with the triggers off; asserts it changed exactly {@code rows} rows. */
    void update(int rows, String sql, Object... args) {
        asDba(j -> assertThat(j.update(sql, args)).as(sql).isEqualTo(rows));
    }

    /**
     * Changes the stored payload of {@code subject #sequence} in place. With {@code reseal}, the metadata's hash is
     * recomputed as the kernel would for the changed envelope ({@code original} with the same change to its payload),
     * and with {@code recordHash} the hub's record of the hash ({@code ledger_event_hash}) is changed to match too.
     * Returns the new stated hash.
     */
    String rewritePayload(EventEnvelope original, Consumer<ObjectNode> change, boolean reseal, boolean recordHash) {
        String subject = original.subjectId().value();
        long sequence = original.sequence();
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", byte[].class, subject, sequence);
        byte[] meta = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", byte[].class, subject, sequence);
        ObjectNode stored = read(payload);
        change.accept(stored);
        ObjectNode metadata = read(meta);
        String hash = metadata.get(EnvelopeCodec.HASH).asText();
        if (reseal) {
            ObjectNode tree = EnvelopeCodec.toTree(original);
            change.accept((ObjectNode) tree.get(EnvelopeCodec.PAYLOAD));
            hash = EventHashes.hashOf(tree);
            metadata.put(EnvelopeCodec.HASH, hash);
        }
        String newHash = hash;
        asDba(j -> {
            assertThat(j.update("UPDATE domain_event_entry SET payload = ?, meta_data = ? WHERE aggregate_identifier = ?"
                    + " AND sequence_number = ?", bytes(stored), bytes(metadata), subject, sequence)).isEqualTo(1);
            if (recordHash) {
                assertThat(j.update("UPDATE ledger_event_hash SET hash = ? WHERE event_id = ?", newHash,
                        original.eventId().toString())).isEqualTo(1);
            }
        });
        return newHash;
    }

    private static ObjectNode read(byte[] bytes) {
        try {
            return (ObjectNode) JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
