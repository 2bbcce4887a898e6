package org.studyledger.infrastructure.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AclBinding;
import org.studyledger.infrastructure.kafka.KafkaBroker;
import org.studyledger.infrastructure.kafka.KafkaCredentials;

/**
 * A topic namespace of its own for one test class on the JVM's secured broker (SASL/SCRAM, standard authorizer,
 * see {@link KafkaBroker#isSecured()}): its topics, consumer groups and users carry a prefix nobody else uses. A
 * user created here may do nothing until the test grants it ACLs; the topic helpers act as the super user.
 */
public final class SecuredTestKafka {

    private final KafkaBroker broker;
    private final String prefix;

    SecuredTestKafka(KafkaBroker broker, String prefix) {
        this.broker = broker;
        this.prefix = prefix;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** What every topic, group and user name handed out here starts with. */
    public String topicPrefix() {
        return prefix;
    }

    public String topic(String logicalName) {
        return prefix + UniqueNames.topicPart(logicalName);
    }

    public String groupId(String logicalName) {
        return prefix + UniqueNames.topicPart(logicalName);
    }

    /** Creates {@link #topic(String) topic(logicalName)} as the super user (if it does not exist yet). */
    public String createTopic(String logicalName, int partitions) {
        String topic = topic(logicalName);
        broker.createTopic(topic, partitions);
        return topic;
    }

    /** A new SCRAM user with a random password, named after {@code logicalName}; it has no permission yet. */
    public KafkaCredentials newUser(String logicalName) {
        KafkaCredentials user = KafkaCredentials.generate(prefix + UniqueNames.topicPart(logicalName));
        broker.upsertUsers(List.of(user));
        return user;
    }

    /** Grants the ACL bindings (see {@code KafkaAcls}) and returns once the broker enforces them. */
    public void grant(Collection<AclBinding> bindings) {
        broker.grant(bindings);
    }

    /** Bootstrap servers and SASL settings of {@code user}, for a producer, consumer or admin client. */
    public Map<String, Object> clientProperties(KafkaCredentials user) {
        return broker.clientProperties(user);
    }

    /** Only the bootstrap servers: a client without credentials, which the broker must refuse. */
    public Map<String, Object> anonymousClientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** As the super user: for set-up and for checking what really reached a topic. */
    public Map<String, Object> superUserClientProperties() {
        return broker.clientProperties();
    }

    @Override
    public String toString() {
        return "topics " + prefix + "* on " + broker;
    }
}
