package org.studyledger.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.studyledger.infrastructure.testing.RealInfrastructure;
import org.studyledger.infrastructure.testing.SecuredTestKafka;

/**
 * The secured broker with StudyLedger's ACLs ({@link KafkaAcls}): each center writes its own topic only (as an
 * idempotent producer, with no cluster permission), the hub reads every center's topic with its group and writes
 * nothing, and a client without credentials or with a wrong password gets nothing at all.
 */
@RealInfrastructure
class KafkaAuthorizationTest {

    private static KafkaCredentials pav;
    private static KafkaCredentials mil;
    private static KafkaCredentials hub;
    private static String pavTopic;
    private static String milTopic;

    @BeforeAll
    static void usersTopicsAndAcls(SecuredTestKafka kafka) {
        pavTopic = kafka.createTopic("study.PAV.events", 2);
        milTopic = kafka.createTopic("study.MIL.events", 2);
        pav = kafka.newUser("center-PAV");
        mil = kafka.newUser("center-MIL");
        hub = kafka.newUser("hub");
        kafka.grant(KafkaAcls.center(pav.principal(), pavTopic, false));
        kafka.grant(KafkaAcls.center(mil.principal(), milTopic, false));
        kafka.grant(KafkaAcls.hub(hub.principal(), kafka.topic("study."), kafka.groupId("hub")));
    }

    @Test
    void aCenterWritesItsOwnTopicAsAnIdempotentProducerAndIsRefusedAnotherCentersTopic(SecuredTestKafka kafka)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(pav))) {
            producer.send(new ProducerRecord<>(pavTopic, "PAV-001", "enrolled")).get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(milTopic, "MIL-001", "forged")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(milTopic);
        }
        assertThat(readAll(kafka, pavTopic)).extracting(ConsumerRecord::value).contains("enrolled");
        assertThat(readAll(kafka, milTopic)).extracting(ConsumerRecord::value).as("nothing reached MIL's topic")
                .doesNotContain("forged");
    }

    @Test
    void aCenterCannotCreateAnotherCentersTopic(SecuredTestKafka kafka) {
        kafka.grant(KafkaAcls.center(pav.principal(), kafka.topic("study.PAV2.events"), true));
        try (Admin admin = admin(kafka.clientProperties(pav))) {
            assertThat(admin.createTopics(List.of(new NewTopic(kafka.topic("study.PAV2.events"), Optional.of(1),
                    Optional.empty()))).all()).succeedsWithin(Duration.ofSeconds(30));
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(kafka.topic("study.ROM.events"), Optional.of(1),
                    Optional.empty()))).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theHubReadsEveryCentersTopicWithItsGroupAndWritesNothing(SecuredTestKafka kafka) throws Exception {
        try (KafkaProducer<String, String> p = producer(kafka.clientProperties(pav));
             KafkaProducer<String, String> m = producer(kafka.clientProperties(mil))) {
            p.send(new ProducerRecord<>(pavTopic, "PAV-002", "pav-event")).get(30, TimeUnit.SECONDS);
            m.send(new ProducerRecord<>(milTopic, "MIL-002", "mil-event")).get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientProperties(hub), kafka.groupId("hub"))) {
            consumer.subscribe(Pattern.compile(Pattern.quote(kafka.topic("study.")) + "[A-Z]+\\.events"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().map(ConsumerRecord::value).toList().containsAll(List.of("pav-event", "mil-event"));
            });
            assertThat(records).extracting(ConsumerRecord::topic).contains(pavTopic, milTopic);
        }

        // An idempotent producer needs WRITE on some topic for its producer id: the hub has none.
        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(hub))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(pavTopic, "PAV-001", "from the hub")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
        Map<String, Object> plainProducer = kafka.clientProperties(hub);
        plainProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        plainProducer.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(plainProducer, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(pavTopic, "PAV-001", "from the hub")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientProperties(hub), kafka.groupId("another-group"))) {
            consumer.subscribe(List.of(pavTopic));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30))).isInstanceOf(GroupAuthorizationException.class);
        }
        assertThat(readAll(kafka, pavTopic)).extracting(ConsumerRecord::value).doesNotContain("from the hub");
    }

    @Test
    void aCenterCannotReadAnyTopic(SecuredTestKafka kafka) {
        kafka.grant(List.of(new AclBinding(
                new ResourcePattern(ResourceType.GROUP,
                        kafka.groupId("pav-reader"), PatternType.LITERAL),
                new AccessControlEntry(pav.principal(), "*",
                        AclOperation.READ, AclPermissionType.ALLOW))));
        try (KafkaConsumer<String, String> consumer = consumer(kafka.clientProperties(pav), kafka.groupId("pav-reader"))) {
            consumer.subscribe(List.of(pavTopic));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutCredentialsIsNeverConnected(SecuredTestKafka kafka) {
        Map<String, Object> anonymous = kafka.anonymousClientProperties();
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(pavTopic, "PAV-001", "anonymous")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        try (Admin admin = admin(kafka.anonymousClientProperties())) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        assertThat(readAll(kafka, pavTopic)).extracting(ConsumerRecord::value).doesNotContain("anonymous");
    }

    @Test
    void aWrongPasswordFailsAuthentication(SecuredTestKafka kafka) {
        KafkaCredentials impostor = new KafkaCredentials(pav.username(), KafkaCredentials.randomPassword());
        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(impostor))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(pavTopic, "PAV-001", "impostor")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin admin = admin(kafka.clientProperties(impostor))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials");
        }
        assertThat(readAll(kafka, pavTopic)).extracting(ConsumerRecord::value).doesNotContain("impostor");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> connection, String group) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        return Admin.create(config);
    }

    /** Everything on {@code topic}, read as the super user without a group. */
    private static List<ConsumerRecord<String, String>> readAll(SecuredTestKafka kafka, String topic) {
        Map<String, Object> config = new HashMap<>(kafka.superUserClientProperties());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
