package org.studyledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.studyledger.kernel.envelope.EnvelopeClaim;
import org.studyledger.kernel.envelope.EnvelopeReader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.envelope.WireLimits;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.verification.VerificationFailure;

/**
 * Verifies an exported ledger: NDJSON, one canonical envelope per line, each subject's events in sequence
 * order (subjects may be interleaved). The file is streamed; what is kept is, per subject, the last sequence
 * and hash and the instrument of each assessment, plus the failures found.
 *
 * <p>Per line, in this order: the line is read as the hub reads a message ({@link EnvelopeReader}: within the
 * {@link WireLimits}, canonical, valid against the published schema, decoded); the subject's prefix is its center;
 * the hash recomputes; the sequence continues the subject's chain in file order (0, 1, 2 …) and
 * {@code previous_hash} names the hash of the subject's previous line (genesis for sequence 0); the payload reads as
 * its event type and its schema ({@link EnvelopeReader#payloadOf}); sequence 0 is the
 * enrolment; assessment scores recompute from the items ({@link ScoringEngine#standard()}). With the centers'
 * public keys ({@link #withKeys}) every envelope must also carry a valid signature of a registered key of its
 * center that was in use when the event was recorded. Every check runs, so one line can fail several.
 *
 * <p>After a failure the subject's chain continues from what the failed event claims (its sequence and its
 * stated hash), so one altered event is one failure, not one per later event. A gap is reported at the first
 * missing sequence, and the event after it also as {@link VerificationFailure#CHAIN_BROKEN}, because its
 * {@code previous_hash} is compared with the hash of the last event seen. The end of a subject's history is
 * not known from the file: events cut off after a subject's last line cannot be detected.
 *
 * <p>Instances are immutable and thread-safe; a {@link Session} is not.
 */
public final class LedgerVerifier {
    private final ScoringEngine scoring;
    /** What one line may make the verifier do; a longer line is never read into memory. */
    private final WireLimits limits;
    /** The registered keys signatures are checked against; null: signatures are not checked. */
    private final KeyRing keys;
    /** Checks of the envelope as sealed and signed, before its place in the chain. */
    private final List<EventCheck> envelopeChecks;
    /** Checks of what the event says, after its place in the chain. */
    private final List<EventCheck> contentChecks;

    private LedgerVerifier(ScoringEngine scoring, KeyRing keys, WireLimits limits) {
        this.scoring = scoring;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.keys = keys;
        List<EventCheck> sealed = new ArrayList<>(List.of(new Checks.SubjectOfCenter(), new Checks.Hash()));
        if (keys != null) {
            sealed.add(new Checks.Signature(keys));
        }
        this.envelopeChecks = List.copyOf(sealed);
        this.contentChecks = List.of(new Checks.EnrolmentFirst(), new Checks.Scores(scoring));
    }

    /** The verifier with the kernel's standard instrument catalogue; signatures are not checked. */
    public static LedgerVerifier standard() {
        return new LedgerVerifier(ScoringEngine.standard(), null, WireLimits.DEFAULT);
    }

    /** This verifier, reading each line within {@code limits} instead of the kernel's defaults. */
    public LedgerVerifier withLimits(WireLimits limits) {
        return new LedgerVerifier(scoring, keys, limits);
    }

    public WireLimits limits() {
        return limits;
    }

    /**
     * This verifier, also checking every envelope's signature against {@code keys} (the centers' registered
     * public keys, e.g. {@code KeyFiles.readRing(dir)}): an unsigned envelope is then a failure too.
     */
    public LedgerVerifier withKeys(KeyRing keys) {
        return new LedgerVerifier(scoring, Objects.requireNonNull(keys, "keys"), limits);
    }

    /** Whether signatures are checked. */
    public boolean checksSignatures() {
        return keys != null;
    }

    /** Verifies one file. */
    public VerificationResult verify(Path file) throws IOException {
        Session session = session();
        try (InputStream in = Files.newInputStream(file)) {
            session.read(in, file.toString());
        }
        return session.result();
    }

    /** Verifies one stream; {@code source} names it in failures. The stream is not closed. */
    public VerificationResult verify(InputStream in, String source) throws IOException {
        Session session = session();
        session.read(in, source);
        return session.result();
    }

    /** A verification over several inputs read one after the other, sharing the subjects' chains. */
    public Session session() {
        return new Session();
    }

    /**
     * One verification. Inputs read in one session form one ledger: a subject's events may continue from one
     * file in the next (an export split into parts, or one file per center).
     */
    public final class Session {
        private final Map<String, SubjectState> subjects = new HashMap<>();
        private final List<Failure> failures = new ArrayList<>();
        private long lines;
        private long events;
        private long signed;

        private Session() {
        }

        /** Reads and verifies every line of {@code in}; the stream is not closed. */
        public Session read(InputStream in, String source) throws IOException {
            Objects.requireNonNull(source, "source");
            LineReader reader = new LineReader(in, limits.maxMessageBytes());
            while (reader.next()) {
                lines++;
                if (reader.isBlank()) {
                    continue;
                }
                if (reader.isTooLong()) {
                    failures.add(new Failure(source, reader.number(), null, null, null, VerificationFailure.LIMIT_EXCEEDED,
                            "the line is longer than " + limits.maxMessageBytes() + " bytes (it was skipped, not read);"
                                    + " the limit " + WireLimits.MAX_MESSAGE_BYTES + " is " + limits.maxMessageBytes()));
                    continue;
                }
                byte[] bytes = reader.bytes();
                try {
                    verifyLine(source, reader.number(), bytes);
                } catch (RuntimeException | StackOverflowError e) {
                    // Whatever a hostile line does to a check, it fails that line and the rest is still verified.
                    failures.add(new Failure(source, reader.number(), null, null, null, VerificationFailure.UNVERIFIABLE,
                            "a check failed unexpectedly, not for anything wrong with the line: " + e));
                }
            }
            return this;
        }

        public VerificationResult result() {
            return new VerificationResult(lines, events, signed, subjects.size(), failures, keys != null);
        }

        private void verifyLine(String source, long line, byte[] bytes) {
            EnvelopeReader.Reading reading = EnvelopeReader.read(bytes, limits);
            if (reading instanceof EnvelopeReader.Unreadable unreadable) {
                boolean json = unreadable.isJson();
                String reason = unreadable.failure().name().equals(VerificationFailure.MALFORMED.name()) && !json
                        ? "not JSON: " + unreadable.reason() : unreadable.reason();
                unreadable(source, line, json ? unreadable.claim() : EnvelopeClaim.NONE,
                        VerificationFailure.valueOf(unreadable.failure().name()), reason);
                return;
            }
            EnvelopeReader.Readable readable = (EnvelopeReader.Readable) reading;
            EventEnvelope envelope = readable.envelope();
            events++;
            if (envelope.isSigned()) {
                signed++;
            }
            EnvelopeClaim claim = EnvelopeClaim.of(envelope);
            SubjectState state = subjects.computeIfAbsent(claim.subjectId(), s -> new SubjectState());
            StudyEvent event = null;
            EnvelopeReader.Refused payloadProblem = null;
            EnvelopeReader.Payload payload = EnvelopeReader.payloadOf(readable);
            if (payload instanceof EnvelopeReader.Typed typed) {
                event = typed.event();
            } else {
                payloadProblem = (EnvelopeReader.Refused) payload;
            }
            EventContext context = new EventContext(source, line, envelope, event, state, failures::add);
            envelopeChecks.forEach(check -> check.check(context));
            chain(source, line, claim, state);
            if (payloadProblem != null) {
                context.fail(VerificationFailure.valueOf(payloadProblem.failure().name()), payloadProblem.reason());
            }
            contentChecks.forEach(check -> check.check(context));
            if (event != null) {
                state.assessments().learn(event);
            }
        }

        private void unreadable(String source, long line, EnvelopeClaim claim, VerificationFailure code, String message) {
            failures.add(new Failure(source, line, claim.subjectId(), claim.sequence(), claim.eventId(), code, message));
            if (claim.isPlaced()) {
                // Keep the subject's chain where the line says it is, so the damage is reported once.
                chain(source, line, claim, subjects.computeIfAbsent(claim.subjectId(), s -> new SubjectState()));
            }
        }

        /** Sequence and previous hash against the subject's previous line; then the chain moves on. */
        private void chain(String source, long line, EnvelopeClaim claim, SubjectState state) {
            long sequence = claim.sequence();
            long expected = state.expectedSequence();
            String subject = claim.subjectId();
            if (sequence < expected) {
                boolean repeat = sequence == state.lastSequence();
                failures.add(new Failure(source, line, subject, sequence, claim.eventId(),
                        repeat ? VerificationFailure.SEQUENCE_DUPLICATE : VerificationFailure.OUT_OF_ORDER,
                        repeat ? subject + " #" + sequence + " appears again right after itself"
                                : subject + " #" + sequence + " comes after #" + state.lastSequence()
                                + " in the file; a subject's events must be in sequence order"));
                return;
            }
            if (sequence > expected) {
                failures.add(new Failure(source, line, subject, expected, null, VerificationFailure.SEQUENCE_GAP,
                        (expected == sequence - 1 ? subject + " #" + expected + " is missing"
                                : subject + " #" + expected + " to #" + (sequence - 1) + " are missing")
                        + ": the next event in the file is #" + sequence
                        + (expected == 0 ? "" : ", after #" + state.lastSequence())));
            }
            String previous = state.lastHash();
            if (previous != null && claim.previousHash() != null && !previous.equals(claim.previousHash())) {
                failures.add(new Failure(source, line, subject, sequence, claim.eventId(), VerificationFailure.CHAIN_BROKEN,
                        "previous_hash " + claim.previousHash() + " is not "
                                + (state.lastSequence() < 0 ? "the genesis value " + EventHashes.GENESIS.substring(0, 8) + "…"
                                : "the hash of " + subject + " #" + state.lastSequence() + ", " + previous)));
            }
            state.advance(sequence, claim.hash());
        }
    }
}
