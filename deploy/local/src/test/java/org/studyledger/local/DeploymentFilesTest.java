package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container deployment files are checked where no container tool runs: the compose file parses and
 * wires every service to what it needs, every variable it sets is one the service reads, ports do not
 * clash, each Dockerfile copies a jar the build really produces, and the signing keys are where they belong
 * (each center's key pair in a volume of its own, the hub reading only the registered public records).
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String KEYS_IN_CONTAINER = "/var/lib/studyledger/keys";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("deploy/compose/compose.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileParsesAndRunsKafkaPostgresTheHubAndThreeCenters() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("kafka", "postgres", "hub", "center-pav", "center-mil", "center-rom");
        assertThat(((Map<String, Object>) services.get("kafka")).get("image")).isEqualTo("apache/kafka:4.1.2");
        Set<String> hostPorts = new HashSet<>();
        for (String name : List.of("hub", "center-pav", "center-mil", "center-rom")) {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            assertThat(service).as(name).containsKeys("build", "depends_on", "environment");
            assertThat(((Map<String, Object>) service.get("depends_on"))).as(name).containsKeys("postgres", "kafka");
            for (Object port : (List<Object>) service.get("ports")) {
                assertThat(hostPorts.add(port.toString().split(":")[0])).as("host port %s used once", port).isTrue();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheComposeFileSetsIsReadByItsService() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Set<String> centerReads = variablesRead(ROOT.resolve("services/center-ingest/src/main/resources/center-ingest.yml"));
        Set<String> hubReads = variablesRead(ROOT.resolve("services/study-hub/src/main/resources/study-hub.yml"));
        assertThat(((Map<String, Object>) ((Map<String, Object>) services.get("hub")).get("environment")).keySet())
                .isSubsetOf(hubReads).isNotEmpty();
        for (String center : List.of("center-pav", "center-mil", "center-rom")) {
            assertThat(((Map<String, Object>) ((Map<String, Object>) services.get(center)).get("environment")).keySet())
                    .as(center).isSubsetOf(centerReads).contains("STUDYLEDGER_CENTER_ID");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachCenterKeepsItsKeysInAVolumeNoOtherServiceMounts() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        Set<String> centerKeyVolumes = new HashSet<>();
        for (String center : List.of("center-pav", "center-mil", "center-rom")) {
            Map<String, Object> service = (Map<String, Object>) services.get(center);
            Object path = ((Map<String, Object>) service.get("environment")).get("STUDYLEDGER_CENTER_KEYS");
            assertThat(path).as(center + " names its key directory").isEqualTo(KEYS_IN_CONTAINER);
            List<String[]> mounts = mounts(service).stream().filter(m -> m[1].equals(KEYS_IN_CONTAINER)).toList();
            assertThat(mounts).as(center + " mounts its key directory once").hasSize(1);
            String[] mount = mounts.get(0);
            assertThat(mount).as(center + ": the center writes its key pair there").hasSize(2);
            assertThat(declared).as(center + ": a named volume, kept across container re-creation").contains(mount[0]);
            assertThat(centerKeyVolumes.add(mount[0])).as(center + ": a key volume of its own").isTrue();
        }
        services.forEach((name, service) -> {
            if (!name.startsWith("center-")) {
                assertThat(mounts((Map<String, Object>) service)).as(name + " mounts no center's private keys")
                        .noneMatch(m -> centerKeyVolumes.contains(m[0]));
            }
        });
        services.forEach((name, service) -> {
            if (name.startsWith("center-")) {
                long foreign = mounts((Map<String, Object>) service).stream().filter(m -> centerKeyVolumes.contains(m[0]))
                        .count();
                assertThat(foreign).as(name + " mounts only its own key volume").isEqualTo(1);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHubReadsTheRegisteredPublicKeysReadOnly() throws IOException {
        Map<String, Object> hub = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("hub");
        assertThat(((Map<String, Object>) hub.get("environment")).get("STUDYLEDGER_HUB_KEYS")).isEqualTo(KEYS_IN_CONTAINER);
        List<String[]> mounts = mounts(hub).stream().filter(m -> m[1].equals(KEYS_IN_CONTAINER)).toList();
        assertThat(mounts).hasSize(1);
        String[] mount = mounts.get(0);
        assertThat(mount).as("read-only").hasSize(3);
        assertThat(mount[2]).isEqualTo("ro");
        assertThat(mount[0]).as("a directory beside the compose file that the operator fills").startsWith("./");
        Path registered = ROOT.resolve("deploy/compose").resolve(mount[0]).normalize();
        assertThat(registered).isDirectory();
        try (var files = Files.list(registered)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no private key is ever kept with the registered records").noneMatch(n -> n.endsWith(".key"));
        }
    }

    @Test
    void eachDockerfilePreparesTheKeyDirectoryTheComposeFileMounts() throws IOException {
        Map<String, String> variables = Map.of("center-ingest", "STUDYLEDGER_CENTER_KEYS", "study-hub", "STUDYLEDGER_HUB_KEYS");
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            Path dir = ROOT.resolve("services/" + entry.getKey());
            String dockerfile = Files.readString(dir.resolve("Dockerfile"));
            assertThat(dockerfile).as(entry.getKey())
                    .contains("ENV " + entry.getValue() + "=" + KEYS_IN_CONTAINER)
                    .contains("VOLUME " + KEYS_IN_CONTAINER)
                    // owned by the service's user: a volume mounted there starts with the image's owner
                    .containsPattern("install -d -o studyledger -m 7\\d\\d " + Pattern.quote(KEYS_IN_CONTAINER));
            assertThat(dockerfile.indexOf("install -d")).as("created before the service's user takes over")
                    .isLessThan(dockerfile.indexOf("USER studyledger"));
            String config = "src/main/resources/" + entry.getKey() + ".yml";
            assertThat(variablesRead(dir.resolve(config))).as(entry.getKey() + " reads " + entry.getValue())
                    .contains(entry.getValue());
        }
        assertThat(Files.readString(ROOT.resolve("services/center-ingest/Dockerfile")))
                .as("a center's private key is readable by the service alone").contains("-m 700 " + KEYS_IN_CONTAINER);
    }

    @Test
    void everyDatabaseTheServicesUseIsCreated() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"));
        Matcher m = Pattern.compile("jdbc:postgresql://postgres:5432/(\\w+)")
                .matcher(Files.readString(ROOT.resolve("deploy/compose/compose.yaml")));
        int found = 0;
        while (m.find()) {
            assertThat(init).contains("CREATE DATABASE " + m.group(1) + ";");
            found++;
        }
        assertThat(found).isEqualTo(4);
    }

    @Test
    void eachDockerfileCopiesTheRunnableJarItsModuleBuilds() throws IOException {
        for (String module : List.of("center-ingest", "study-hub")) {
            Path dir = ROOT.resolve("services/" + module);
            String dockerfile = Files.readString(dir.resolve("Dockerfile"));
            assertThat(dockerfile).startsWith("#").contains("FROM eclipse-temurin:17-jre")
                    .contains("COPY target/" + module + "-*-exec.jar").contains("USER studyledger");
            assertThat(Files.readString(dir.resolve("pom.xml"))).contains("<classifier>exec</classifier>");
        }
    }

    /** A service's volume mounts in the short syntax, split at ':' (source, target[, mode]). */
    @SuppressWarnings("unchecked")
    private static List<String[]> mounts(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        return volumes == null ? List.of() : ((List<Object>) volumes).stream().map(v -> v.toString().split(":")).toList();
    }

    private static Set<String> variablesRead(Path config) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{(STUDYLEDGER_[A-Z_]+)").matcher(Files.readString(config));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
