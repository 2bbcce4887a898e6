package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studyledger.infrastructure.kafka.KafkaCredentials;

class PlatformSecretsTest {
    @TempDir
    Path data;

    @Test
    void passwordsAreGeneratedOnceKeptOwnerOnlyAndReadBackByTheNextStart() throws Exception {
        Path directory = data.resolve("secrets");
        PlatformSecrets first = PlatformSecrets.open(directory);
        KafkaCredentials hub = first.kafkaUser("hub");
        String login = first.databasePassword("studyledger_hub_app");
        assertThat(hub.password()).matches("[A-Za-z0-9]{32}").isNotEqualTo(first.kafkaUser("center-PAV").password());
        assertThat(first.kafkaUser("hub")).as("the same within a start").isEqualTo(hub);
        first.save();

        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(first.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(first.file())).contains("kafka.hub=" + hub.password(),
                "postgres.studyledger_hub_app=" + login);

        PlatformSecrets second = PlatformSecrets.open(directory);
        assertThat(second.kafkaUser("hub")).isEqualTo(hub);
        assertThat(second.databasePassword("studyledger_hub_app")).isEqualTo(login);
        String added = second.kafkaUser("center-ROM").password();
        second.save();
        assertThat(PlatformSecrets.open(directory).kafkaUser("center-ROM").password()).as("a user added later is kept too")
                .isEqualTo(added);
    }

    @Test
    void theCredentialsNeverShowThePassword() throws Exception {
        KafkaCredentials user = PlatformSecrets.open(data.resolve("secrets")).kafkaUser("hub");
        assertThat(user.toString()).isEqualTo("User:hub").doesNotContain(user.password());
    }
}
