package org.studyledger.kernel.signing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.envelope.EventHashes;
import org.studyledger.kernel.study.CenterId;
import org.studyledger.kernel.study.StudyId;
import org.studyledger.kernel.subject.Sex;
import org.studyledger.kernel.subject.SubjectId;
import org.studyledger.kernel.subject.event.SubjectEnrolled;

/** Fixed keys and envelopes for the signature tests. */
public final class SignedEvents {
    static final CenterId PAV = new CenterId("PAV");
    static final CenterId MIL = new CenterId("MIL");
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** RFC 8032, section 7.1, test 1: a key pair anyone can check against the standard. */
    public static final String RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private SignedEvents() {
    }

    /** The RFC 8032 test key as a key of {@code center}. */
    public static SigningKey rfc8032Key(CenterId center) {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC8032_SECRET);
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + RFC8032_PUBLIC);
        try {
            // Through the JDK's own API, as any other user of the key files would load them.
            java.security.KeyFactory factory = java.security.KeyFactory.getInstance("Ed25519");
            var publicKey = factory.generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
            var privateKey = factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
            return new SigningKey(KeyId.of(center, publicKey), privateKey, publicKey, CREATED);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static EventEnvelope enrolment(CenterId center, Instant recordedAt) {
        return EnvelopeCodec.seal(new EnvelopeHeader(UUID.fromString("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"),
                        new StudyId("ESK-TRD"), center, new SubjectId(center.value() + "-001"), 0,
                        Instant.parse("2026-01-05T00:00:00Z"), recordedAt, new Actor("coordinator-01", "coordinator"),
                        "api", EventHashes.GENESIS),
                new SubjectEnrolled(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), "2.1", "ESK-TRD/1", 1971, Sex.F, 14, 3));
    }

    static EventEnvelope enrolment() {
        return enrolment(PAV, Instant.parse("2026-01-05T09:30:00Z"));
    }
}
