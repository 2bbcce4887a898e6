package org.studyledger.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.CanonicalJson;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.envelope.KernelJson;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.instrument.ScoreSet;
import org.studyledger.kernel.instrument.ScoringEngine;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.SigningKey;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.AdverseEventId;
import org.studyledger.kernel.subject.AdverseEventSeverity;
import org.studyledger.kernel.subject.AssessmentId;
import org.studyledger.kernel.subject.BloodPressure;
import org.studyledger.kernel.subject.DoseId;
import org.studyledger.kernel.subject.Relatedness;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.AdverseEventReported;
import org.studyledger.kernel.subject.event.AssessmentCorrected;
import org.studyledger.kernel.subject.event.AssessmentRecorded;
import org.studyledger.kernel.subject.event.AssessmentRetracted;
import org.studyledger.kernel.subject.event.DoseAdministered;
import org.studyledger.kernel.subject.event.StudyEvent;
import org.studyledger.kernel.subject.event.SubjectDiscontinued;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/**
 * An exported ledger as lines of text, built with the kernel, and the ways to tamper with it. The standard one
 * holds two subjects of two centers, interleaved:
 * <pre>
 * line  1 PAV-001 #0 SubjectEnrolled          line  6 MIL-001 #2 AssessmentRetracted
 * line  2 MIL-001 #0 SubjectEnrolled          line  7 PAV-001 #3 AssessmentCorrected (of #1)
 * line  3 PAV-001 #1 AssessmentRecorded MADRS line  8 MIL-001 #3 SubjectDiscontinued
 * line  4 MIL-001 #1 AssessmentRecorded MADRS line  9 PAV-001 #4 AssessmentRecorded MADRS
 * line  5 PAV-001 #2 DoseAdministered         line 10 PAV-001 #5 AdverseEventReported
 * </pre>
 * PAV-001 #k is recorded at 2026-01-(06+k)T09:00:00.123Z, MIL-001 #k likewise; signed ledgers carry the
 * signature of the key a signer picks for each sealed envelope.
 */
final class Ledger {
    static final String PAV = "PAV-001";
    static final String MIL = "MIL-001";
    static final InstrumentRef MADRS = new InstrumentRef("MADRS", "1");
    static final AssessmentId PAV_T0 = AssessmentId.of("0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d");
    static final AssessmentId PAV_W1 = AssessmentId.of("0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c3e");
    static final AssessmentId MIL_T0 = AssessmentId.of("5a6b7c8d-9e0f-4a1b-9c2d-3e4f5a6b7c8d");

    private final List<String> lines;

    private Ledger(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    static Ledger of(List<String> lines) {
        return new Ledger(lines);
    }

    /** The standard two-center ledger above, unsigned. */
    static Ledger twoCenters() {
        return twoCenters(e -> null);
    }

    /** The standard ledger, each center's events signed by its key. */
    static Ledger twoCenters(SigningKey pav, SigningKey mil) {
        return twoCenters(e -> e.centerId().equals(pav.center()) ? pav : mil);
    }

    /** The standard ledger, each envelope signed by the key {@code signer} picks (null: left unsigned). */
    static Ledger twoCenters(Function<EventEnvelope, SigningKey> signer) {
        List<EventEnvelope> pav = chain("ESK-TRD", "PAV", PAV, List.of(
                enrolment(LocalDate.of(2026, 1, 5), 1971, Sex.F),
                madrs(PAV_T0, "T0", null, Instant.parse("2026-01-12T08:15:00Z"), 4, 4, 3, 4, 2, 4, 3, 4, 3, 2),
                new DoseAdministered(DoseId.of("c0ffee00-1234-4abc-8def-000000000001"), 1,
                        Instant.parse("2026-01-12T10:00:00Z"), 56, 2, new BloodPressure(128, 82),
                        new BloodPressure(149, 90), 120, null, List.of()),
                new AssessmentCorrected(PAV_T0, items(5, 4, 3, 4, 2, 4, 3, 4, 3, 2),
                        scores(items(5, 4, 3, 4, 2, 4, 3, 4, 3, 2)), "Transcription error: item 1 was 5 on paper"),
                madrs(PAV_W1, "W1", 8, Instant.parse("2026-01-19T08:30:00Z"), 2, 2, 2, 3, 1, 2, 1, 2, 1, 0),
                new AdverseEventReported(AdverseEventId.of("ae000000-0000-4000-8000-000000000001"), "Dissociation",
                        LocalDate.of(2026, 1, 19), AdverseEventSeverity.MODERATE, false, Relatedness.PROBABLE)));
        List<EventEnvelope> mil = chain("ESK-TRD", "MIL", MIL, List.of(
                enrolment(LocalDate.of(2026, 1, 9), 1958, Sex.M),
                madrs(MIL_T0, "T0", null, Instant.parse("2026-01-16T09:00:00Z"), 5, 5, 4, 4, 3, 4, 4, 4, 4, 3),
                new AssessmentRetracted(MIL_T0, "Form belonged to another subject"),
                new SubjectDiscontinued(LocalDate.of(2026, 3, 2), "Moved abroad", false)));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(pav.size(), mil.size()); i++) {
            if (i < pav.size()) {
                lines.add(line(signed(pav.get(i), signer)));
            }
            if (i < mil.size()) {
                lines.add(line(signed(mil.get(i), signer)));
            }
        }
        return new Ledger(lines);
    }

    private static EventEnvelope signed(EventEnvelope envelope, Function<EventEnvelope, SigningKey> signer) {
        SigningKey key = signer.apply(envelope);
        return key == null ? envelope : EnvelopeSignatures.sign(envelope, key);
    }

    static SubjectEnrolled enrolment(LocalDate date, int birthYear, Sex sex) {
        return new SubjectEnrolled(date, date, "2.1", "ESK-TRD/1", birthYear, sex, 14, 3);
    }

    /** A MADRS assessment with its real scores from the kernel's scoring engine. */
    static AssessmentRecorded madrs(AssessmentId id, String visit, Integer studyDay, Instant at, int... values) {
        SortedMap<String, Integer> items = items(values);
        return new AssessmentRecorded(id, MADRS, visit, null, at, "rater-017", items, scores(items), studyDay, false);
    }

    static SortedMap<String, Integer> items(int... values) {
        SortedMap<String, Integer> items = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            items.put("MADRS_%02d".formatted(i + 1), values[i]);
        }
        return items;
    }

    static ScoreSet scores(SortedMap<String, Integer> items) {
        return ScoringEngine.standard().scoreOrThrow(MADRS, items).scores();
    }

    /** A subject's events sealed by the kernel, sequence 0.., each naming the previous hash. */
    static List<EventEnvelope> chain(String study, String center, String subject, List<StudyEvent> events) {
        List<EventEnvelope> chain = new ArrayList<>();
        String previous = EventHashes.GENESIS;
        Instant recorded = Instant.parse("2026-01-05T09:00:00.123Z");
        for (int seq = 0; seq < events.size(); seq++) {
            recorded = recorded.plusSeconds(86_400);
            EnvelopeHeader header = new EnvelopeHeader(UUID.nameUUIDFromBytes((subject + "#" + seq).getBytes(StandardCharsets.UTF_8)),
                    new StudyId(study), new CenterId(center), new SubjectId(subject), seq, recorded.minusSeconds(600),
                    recorded, new Actor("rater-017", "rater"), "api", previous);
            EventEnvelope envelope = EnvelopeCodec.seal(header, events.get(seq));
            chain.add(envelope);
            previous = envelope.hash();
        }
        return chain;
    }

    static String line(EventEnvelope envelope) {
        return new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8);
    }

    static ObjectNode parse(String line) {
        try {
            return (ObjectNode) KernelJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String canonical(ObjectNode envelope) {
        return CanonicalJson.encodeToString(envelope);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** 1-based line number of a subject's event. */
    int lineOf(String subject, long sequence) {
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode e = tryParse(lines.get(i));
            if (e != null && subject.equals(e.path("subject_id").asText()) && e.path("sequence").asLong(-1) == sequence) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line for " + subject + " #" + sequence);
    }

    String lineText(int number) {
        return lines.get(number - 1);
    }

    ObjectNode envelope(String subject, long sequence) {
        return parse(lineText(lineOf(subject, sequence)));
    }

    /** Changes an event and writes it back canonically, without recomputing its hash. */
    Ledger alter(String subject, long sequence, Consumer<ObjectNode> change) {
        int line = lineOf(subject, sequence);
        ObjectNode e = parse(lineText(line));
        change.accept(e);
        lines.set(line - 1, canonical(e));
        return this;
    }

    /** Changes an event and recomputes its hash (a forger who knows the encoding), leaving later events as they are. */
    Ledger reseal(String subject, long sequence, Consumer<ObjectNode> change) {
        return alter(subject, sequence, e -> {
            change.accept(e);
            e.put("hash", EventHashes.hashOf(e));
        });
    }

    /** Re-links the subject's events after {@code sequence} to the (changed) hashes before them: a rewritten history. */
    Ledger rechainAfter(String subject, long sequence) {
        String previous = envelope(subject, sequence).get("hash").textValue();
        for (long s = sequence + 1; hasLine(subject, s); s++) {
            String prior = previous;
            reseal(subject, s, e -> e.put("previous_hash", prior));
            previous = envelope(subject, s).get("hash").textValue();
        }
        return this;
    }

    /** {@link #reseal} and {@link #rechainAfter}: only what the hash chain cannot see remains wrong. */
    Ledger rewrite(String subject, long sequence, Consumer<ObjectNode> change) {
        return reseal(subject, sequence, change).rechainAfter(subject, sequence);
    }

    /**
     * Replaces an event's signature by one that {@code signer} makes while naming key {@code keyId}: a forger's
     * signature (another key than the one named), or an honest one of another center's key.
     */
    Ledger signAs(String subject, long sequence, SigningKey signer, String keyId) {
        int line = lineOf(subject, sequence);
        EventEnvelope envelope = EnvelopeCodec.decode(parse(lineText(line)));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signer.sign(EnvelopeSignatures.signingInput(envelope, keyId)));
        lines.set(line - 1, line(envelope.withSignature(keyId, signature)));
        return this;
    }

    /** Signs an event again, with {@code key} (which must be a key of the event's center). */
    Ledger sign(String subject, long sequence, SigningKey key) {
        return signAs(subject, sequence, key, key.keyId().value());
    }

    /** Removes an event's key id and signature; its hash stays valid, since it does not cover them. */
    Ledger unsign(String subject, long sequence) {
        return alter(subject, sequence, e -> {
            e.remove(EnvelopeCodec.KEY_ID);
            e.remove(EnvelopeCodec.SIGNATURE);
        });
    }

    Ledger delete(String subject, long sequence) {
        lines.remove(lineOf(subject, sequence) - 1);
        return this;
    }

    Ledger swapLines(int a, int b) {
        String first = lines.get(a - 1);
        lines.set(a - 1, lines.get(b - 1));
        lines.set(b - 1, first);
        return this;
    }

    /** Inserts text so that it becomes line {@code number}. */
    Ledger insert(int number, String text) {
        lines.add(number - 1, text);
        return this;
    }

    Ledger replaceLine(int number, String text) {
        lines.set(number - 1, text);
        return this;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    Path write(Path file) {
        try {
            return Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean hasLine(String subject, long sequence) {
        try {
            lineOf(subject, sequence);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ObjectNode tryParse(String line) {
        try {
            return KernelJson.mapper().readTree(line) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
