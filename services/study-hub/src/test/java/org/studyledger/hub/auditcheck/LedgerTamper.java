package org.studyledger.hub.auditcheck;

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
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SigningKey;

/**
 * What a malicious DBA does to the ledger: as a superuser, switch the append-only trigger off for the transaction
 * ({@code SET LOCAL session_replication_role = replica}) and then update, delete or reorder stored events. What a DBA
 * does not have is a center's private key: a changed event keeps its center's signature of the genuine one, or none,
 * or one by a key nobody registered.
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

    /** What becomes of the stored signature when a DBA re-seals an event. */
    enum Signature {
        /** Left as it was: the center's signature of the genuine event. */
        KEEP,
        /** Removed from the metadata, key id and all. */
        REMOVE,
        /** Replaced by the DBA's own signature, with a key of the event's center that nobody registered. */
        OWN_KEY
    }

    /**
     * Everything a superuser can do to a subject's last event without its center's key: change its payload, re-seal
     * its hash in the metadata and bring the hub's records of it ({@code ledger_event_hash}, {@code ledger_head}) in
     * line, so that no hash comparison gives it away; {@code signature} says what becomes of its signature. Returns
     * the new stated hash.
     */
    String resealLastEvent(EventEnvelope original, Consumer<ObjectNode> change, Signature signature) {
        String subject = original.subjectId().value();
        long sequence = original.sequence();
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", byte[].class, subject, sequence);
        byte[] meta = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", byte[].class, subject, sequence);
        ObjectNode stored = read(payload);
        change.accept(stored);
        ObjectNode tree = EnvelopeCodec.toTree(original.withHash(original.hash()));
        change.accept((ObjectNode) tree.get(EnvelopeCodec.PAYLOAD));
        String hash = EventHashes.hashOf(tree);
        tree.put(EnvelopeCodec.HASH, hash);
        ObjectNode metadata = read(meta);
        metadata.put(EnvelopeCodec.HASH, hash);
        switch (signature) {
            case KEEP -> {
            }
            case REMOVE -> {
                metadata.remove(EnvelopeCodec.KEY_ID);
                metadata.remove(EnvelopeCodec.SIGNATURE);
            }
            case OWN_KEY -> {
                EventEnvelope resealed = EnvelopeSignatures.sign(EnvelopeCodec.decode(tree),
                        SigningKey.generate(original.centerId(), original.recordedAt()));
                metadata.put(EnvelopeCodec.KEY_ID, resealed.keyId());
                metadata.put(EnvelopeCodec.SIGNATURE, resealed.signature());
            }
        }
        asDba(j -> {
            assertThat(j.update("UPDATE domain_event_entry SET payload = ?, meta_data = ? WHERE aggregate_identifier = ?"
                    + " AND sequence_number = ?", bytes(stored), bytes(metadata), subject, sequence)).isEqualTo(1);
            assertThat(j.update("UPDATE ledger_event_hash SET hash = ? WHERE event_id = ?", hash,
                    original.eventId().toString())).isEqualTo(1);
            assertThat(j.update("UPDATE ledger_head SET last_hash = ? WHERE subject_id = ? AND last_sequence = ?", hash,
                    subject, sequence)).as("%s #%d is the subject's last event", subject, sequence).isEqualTo(1);
        });
        return hash;
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
