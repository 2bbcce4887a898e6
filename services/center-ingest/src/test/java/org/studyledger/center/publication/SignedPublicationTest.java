package org.studyledger.center.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.studyledger.center.CenterIngestTest;
import org.studyledger.center.subject.RecordedEvent;
import org.studyledger.kernel.envelope.EnvelopeCodec;
import org.studyledger.kernel.envelope.EventEnvelope;
import org.studyledger.kernel.signing.EnvelopeSignatures;
import org.studyledger.kernel.signing.KeyFiles;
import org.studyledger.kernel.signing.KeyRing;
import org.studyledger.kernel.signing.RegisteredKey;
import org.studyledger.kernel.study.CenterId;

/** What reaches the topic is signed, and verifies with nothing but the public record the center wrote for the hub. */
@CenterIngestTest
class SignedPublicationTest {
    @Autowired
    CommandGateway commands;
    @Autowired
    KafkaPublisher publisher;
    @Value("${studyledger.publication.bootstrap-servers}")
    String bootstrap;
    @Value("${studyledger.center.signing.key-directory}")
    Path centerKeys;

    @Test
    void everyPublishedEventVerifiesWithThePublicRecordTheCenterWrote(@TempDir Path hubKeys) throws IOException {
        List<RecordedEvent> recorded = new Cohort(commands).record("PAV", 1, 3, 2);
        // Registering at the hub: only the public record is copied.
        try (var records = Files.newDirectoryStream(centerKeys, "*" + KeyFiles.PUBLIC_SUFFIX)) {
            for (Path record : records) {
                Files.copy(record, hubKeys.resolve(record.getFileName()));
            }
        }
        KeyRing registered = KeyFiles.readRing(hubKeys);
        assertThat(registered.keysOf(CenterId.of("PAV"))).hasSize(1);
        RegisteredKey key = registered.all().get(0);

        List<ConsumerRecord<String, byte[]>> published = TopicReader.readAll(bootstrap, publisher.topic(), recorded.size());

        assertThat(published).hasSize(recorded.size());
        for (ConsumerRecord<String, byte[]> record : published) {
            EventEnvelope envelope = EnvelopeCodec.decode(record.value());
            assertThat(envelope.keyId()).as("key of %s", envelope.eventId()).isEqualTo(key.keyId().value());
            assertThat(EnvelopeSignatures.check(envelope, registered).reason()).as("check of %s", envelope.eventId())
                    .isEmpty();
            assertThat(EnvelopeCodec.encode(envelope)).as("the signed envelope is the whole value").isEqualTo(record.value());
        }
    }
}
