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
 * clash, and each Dockerfile copies a jar the build really produces.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

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

    private static Set<String> variablesRead(Path config) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{(STUDYLEDGER_[A-Z_]+)").matcher(Files.readString(config));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
