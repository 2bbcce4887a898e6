package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The published JSON Schema of an envelope ({@code docs/schemas/envelope.schema.json}) describes exactly
 * what the kernel puts on the wire: every envelope it produces passes, and each kind of malformed envelope
 * fails with an error that names the offending member.
 */
class WireSchemaTest {
    private static final Path SCHEMA_FILE = locateDocs().resolve("schemas/envelope.schema.json");
    private static final JsonNode SCHEMA_TREE = readJson(SCHEMA_FILE);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_TREE, SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).build());

    private static Path locateDocs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "cannot find the repository's docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs");
    }

    private static JsonNode readJson(Path file) {
        try {
            return KernelJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a consumer receives: the envelope's canonical bytes, parsed. */
    private static ObjectNode wireForm(JsonNode envelope) {
        try {
            return (ObjectNode) KernelJson.mapper().readTree(CanonicalJson.encode(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode sample(int sequence) {
        return wireForm(EnvelopeCodec.toTree(SampleEvents.chain().get(sequence)));
    }

    private static List<ValidationMessage> errors(JsonNode envelope) {
        return new ArrayList<>(SCHEMA.validate(envelope));
    }

    /**
     * Whether {@code m} is a {@code keyword} error about {@code member} (a JSON Pointer into the envelope, e.g.
     * {@code /payload/flags/0}) and its message mentions that member.
     */
    private static boolean reports(ValidationMessage m, String member, String keyword) {
        if (!keyword.equals(m.getType())) {
            return false;
        }
        String location = m.getInstanceLocation().toString();
        if (location.equals(member)) {
            return m.getMessage().contains(member);
        }
        // required and additionalProperties are reported at the parent object and name the member as the property.
        int slash = member.lastIndexOf('/');
        String leaf = member.substring(slash + 1);
        return location.equals(member.substring(0, slash)) && leaf.equals(m.getProperty())
                && m.getMessage().contains("'" + leaf + "'");
    }

    @Test
    void theSchemaIsDraft2020_12AndCoversEveryEventTypeAtItsCurrentRevision() {
        assertThat(SCHEMA_TREE.path("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        assertThat(metaSchema.validate(SCHEMA_TREE)).as("the schema against the 2020-12 meta-schema").isEmpty();
        assertThat(SCHEMA_TREE.path("additionalProperties").isBoolean()).isTrue();
        assertThat(SCHEMA_TREE.path("additionalProperties").booleanValue()).isFalse();

        Set<String> enumerated = new TreeSet<>();
        SCHEMA_TREE.path("properties").path("event_type").path("enum").forEach(n -> enumerated.add(n.textValue()));
        assertThat(enumerated).isEqualTo(new TreeSet<>(EventTypes.all().keySet()));

        Set<String> envelopeMembers = new TreeSet<>();
        SCHEMA_TREE.path("properties").fieldNames().forEachRemaining(envelopeMembers::add);
        assertThat(envelopeMembers).isEqualTo(fieldNames(EnvelopeCodec.toTree(TestVectors.signedChain().get(0))));

        for (var type : EventTypes.all().entrySet()) {
            JsonNode branch = branchFor(type.getKey());
            assertThat(branch).as("if/then branch for %s", type.getKey()).isNotNull();
            assertThat(branch.at("/then/properties/schema_revision/const").textValue()).as(type.getKey())
                    .isEqualTo(EventTypes.revisionOf(type.getValue()));
            assertThat(branch.at("/then/properties/payload/$ref").textValue()).isEqualTo("#/$defs/" + type.getKey());
        }
    }

    @Test
    void everyPayloadDefinitionNamesExactlyTheRecordsComponentsInSnakeCase() {
        // A field added to or renamed in an event record without a schema change fails here.
        var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (var type : EventTypes.all().entrySet()) {
            Set<String> components = new TreeSet<>();
            Set<String> primitives = new TreeSet<>();
            for (RecordComponent c : type.getValue().getRecordComponents()) {
                components.add(snake.translate(c.getName()));
                if (c.getType().isPrimitive()) {
                    primitives.add(snake.translate(c.getName()));
                }
            }
            JsonNode def = SCHEMA_TREE.path("$defs").path(type.getKey());
            Set<String> required = new TreeSet<>();
            def.path("required").forEach(n -> required.add(n.textValue()));
            assertThat(fieldNames(def.path("properties"))).as(type.getKey()).isEqualTo(components);
            assertThat(required).as("%s: a primitive is always written, so always required", type.getKey())
                    .containsAll(primitives)
                    .isSubsetOf(components);
            assertThat(def.path("additionalProperties").isBoolean() && !def.path("additionalProperties").booleanValue())
                    .as("%s refuses unknown fields", type.getKey()).isTrue();
        }
    }

    @Test
    void everyEnvelopeOfThePublishedTestVectorsIsValid() {
        JsonNode vectors = readJson(locateDocs().resolve("test-vectors/envelope-hashes.json")).get("envelopes");
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(EventTypes.all().size());
        for (JsonNode v : vectors) {
            // The vectors' "envelope" objects are pretty-printed and may spell absent members as null;
            // the schema describes the wire form, i.e. the canonical encoding (which leaves nulls out).
            ObjectNode wire = wireForm(v.get("envelope"));
            assertThat(errors(wire)).as(v.get("name").textValue()).isEmpty();
            assertThat(EventHashes.hashOf(wire)).isEqualTo(wire.get("hash").textValue());
        }
    }

    @Test
    void everySignedEnvelopeOfThePublishedSignatureVectorsIsValid() {
        JsonNode vectors = readJson(locateDocs().resolve("test-vectors/envelope-signatures.json")).get("signed_envelopes");
        assertThat(vectors).isNotEmpty();
        for (JsonNode v : vectors) {
            assertThat(errors(wireForm(v.get("envelope")))).as(v.get("name").textValue()).isEmpty();
        }
    }

    @Test
    void halfASignatureIsInvalid() {
        ObjectNode signed = wireForm(readJson(locateDocs().resolve("test-vectors/envelope-signatures.json"))
                .get("signed_envelopes").get(0).get("envelope"));
        ObjectNode keyOnly = signed.deepCopy();
        keyOnly.remove("signature");
        ObjectNode signatureOnly = signed.deepCopy();
        signatureOnly.remove("key_id");

        assertThat(errors(keyOnly)).anySatisfy(error -> assertThat(error.getMessage()).contains("signature"));
        assertThat(errors(signatureOnly)).anySatisfy(error -> assertThat(error.getMessage()).contains("key_id"));
    }

    @Test
    void everyEnvelopeTheKernelSealsAndEncodesIsValid() throws IOException {
        List<EventEnvelope> chain = SampleEvents.chain();
        Set<String> types = new TreeSet<>();
        for (EventEnvelope e : chain) {
            JsonNode wire = KernelJson.mapper().readTree(EnvelopeCodec.encode(e));
            assertThat(errors(wire)).as("%s #%s", e.eventType(), e.sequence()).isEmpty();
            types.add(e.eventType());
        }
        assertThat(types).isEqualTo(new TreeSet<>(EventTypes.all().keySet()));
    }

    static Stream<Arguments> brokenEnvelopes() {
        return Stream.of(
                broken("upper-case event_id", 1, "/event_id", "pattern",
                        e -> e.put("event_id", e.get("event_id").textValue().toUpperCase())),
                broken("event_id with a trailing line break", 1, "/event_id", "maxLength",
                        e -> e.put("event_id", e.get("event_id").textValue() + "\n")),
                broken("instant without milliseconds", 1, "/occurred_at", "pattern",
                        e -> e.put("occurred_at", "2026-01-08T08:50:17Z")),
                broken("instant with an offset", 1, "/recorded_at", "pattern",
                        e -> e.put("recorded_at", "2026-01-08T10:00:17.123+01:00")),
                broken("unknown top-level member", 1, "/colour", "additionalProperties",
                        e -> e.put("colour", "blue")),
                broken("missing top-level member", 1, "/source", "required",
                        e -> e.remove("source")),
                broken("envelope_version 2", 1, "/envelope_version", "const",
                        e -> e.put("envelope_version", 2)),
                broken("unknown event type", 1, "/event_type", "enum",
                        e -> e.put("event_type", "AssessmentDeleted")),
                broken("schema revision not a number", 1, "/schema_revision", "pattern",
                        e -> e.put("schema_revision", "v1")),
                broken("schema revision this schema does not describe", 1, "/schema_revision", "const",
                        e -> e.put("schema_revision", "2")),
                broken("study id in lower case", 1, "/study_id", "pattern",
                        e -> e.put("study_id", "esk-trd")),
                broken("center id with a digit", 1, "/center_id", "pattern",
                        e -> e.put("center_id", "PAV1")),
                broken("subject id PAV-1", 1, "/subject_id", "pattern",
                        e -> e.put("subject_id", "PAV-1")),
                broken("subject number 000", 1, "/subject_id", "not",
                        e -> e.put("subject_id", "PAV-000")),
                broken("negative sequence", 1, "/sequence", "minimum",
                        e -> e.put("sequence", -1)),
                broken("sequence as a string", 1, "/sequence", "type",
                        e -> e.put("sequence", "1")),
                broken("actor role in upper case", 1, "/actor/role", "pattern",
                        e -> actor(e).put("role", "Rater")),
                broken("actor without id", 1, "/actor/id", "required",
                        e -> actor(e).remove("id")),
                broken("actor id of 65 characters", 1, "/actor/id", "maxLength",
                        e -> actor(e).put("id", "x".repeat(65))),
                broken("unknown actor member", 1, "/actor/center", "additionalProperties",
                        e -> actor(e).put("center", "PAV")),
                broken("unknown source", 1, "/source", "pattern",
                        e -> e.put("source", "ftp")),
                broken("hash of 63 digits", 1, "/hash", "pattern",
                        e -> e.put("hash", e.get("hash").textValue().substring(1))),
                broken("upper-case previous_hash", 1, "/previous_hash", "pattern",
                        e -> e.put("previous_hash", e.get("previous_hash").textValue().toUpperCase())),
                broken("sequence 0 not chained from genesis", 0, "/previous_hash", "const",
                        e -> e.put("previous_hash", "1".repeat(64))),
                broken("sequence 0 that is not an enrolment", 9, "/event_type", "const",
                        e -> e.put("sequence", 0)),
                broken("enrolment after sequence 0", 0, "/sequence", "const",
                        e -> e.put("sequence", 3)),
                broken("payload that is not an object", 9, "/payload", "type",
                        e -> e.put("payload", "2026-07-14")),
                broken("payload missing a required field", 9, "/payload/completion_date", "required",
                        e -> payload(e).remove("completion_date")),
                broken("assessment without rater", 1, "/payload/rater", "required",
                        e -> payload(e).remove("rater")),
                broken("blank reason", 8, "/payload/reason", "pattern",
                        e -> payload(e).put("reason", "  ")),
                broken("unknown payload field", 9, "/payload/note", "additionalProperties",
                        e -> payload(e).put("note", "late")),
                broken("payload of the wrong event type", 9, "/payload/completion_date", "required",
                        e -> e.set("payload", payload(sample(11)))),
                broken("payload of the wrong event type: its stray field", 9, "/payload/discontinuation_date",
                        "additionalProperties",
                        e -> e.set("payload", payload(sample(11)))),
                broken("optional field present as null", 1, "/payload/study_day", "type",
                        e -> payload(e).putNull("study_day")),
                broken("both visit and dose_session", 1, "/payload", "oneOf",
                        e -> payload(e).put("dose_session", 1)),
                broken("neither visit nor dose_session", 1, "/payload", "oneOf",
                        e -> payload(e).remove("visit")),
                broken("study day 0", 1, "/payload/study_day", "not",
                        e -> payload(e).put("study_day", 0)),
                broken("upper-case assessment id", 1, "/payload/assessment_id", "pattern",
                        e -> payload(e).put("assessment_id", payload(e).get("assessment_id").textValue().toUpperCase())),
                broken("payload instant without milliseconds", 1, "/payload/administered_at", "pattern",
                        e -> payload(e).put("administered_at", "2026-01-12T08:15:00Z")),
                broken("instrument as a string", 1, "/payload/instrument", "type",
                        e -> payload(e).put("instrument", "MADRS/1")),
                broken("item response that is not an integer", 1, "/payload/items/MADRS_01", "type",
                        e -> ((ObjectNode) payload(e).get("items")).put("MADRS_01", new BigDecimal("4.5"))),
                broken("no item responses", 1, "/payload/items", "minProperties",
                        e -> payload(e).putObject("items")),
                broken("score as a string", 1, "/payload/scores/scores/MADRS_TOTAL", "type",
                        e -> ((ObjectNode) payload(e).get("scores").get("scores")).put("MADRS_TOTAL", "33")),
                broken("score set without categories", 1, "/payload/scores/categories", "required",
                        e -> ((ObjectNode) payload(e).get("scores")).remove("categories")),
                broken("date with a time", 0, "/payload/consent_date", "pattern",
                        e -> payload(e).put("consent_date", "2026-01-05T00:00:00")),
                broken("impossible date", 0, "/payload/enrolment_date", "format",
                        e -> payload(e).put("enrolment_date", "2026-02-30")),
                broken("sex not in the enum", 0, "/payload/sex", "enum",
                        e -> payload(e).put("sex", "X")),
                broken("birth year as a string", 0, "/payload/birth_year", "type",
                        e -> payload(e).put("birth_year", "1971")),
                broken("dose flag not in the enum", 6, "/payload/flags/0", "enum",
                        e -> flags(e, "LATE_DOSE")),
                broken("dose flags out of order", 6, "/payload/flags", "enum",
                        e -> flags(e, "MONITORING_SHORT", "PRE_DOSE_BP_ABOVE_THRESHOLD")),
                broken("dose flag twice", 6, "/payload/flags", "uniqueItems",
                        e -> flags(e, "NOTABLE_BP_RISE", "NOTABLE_BP_RISE")),
                broken("dose without flags", 3, "/payload/flags", "required",
                        e -> payload(e).remove("flags")),
                broken("blood pressure as a string", 3, "/payload/bp_before", "type",
                        e -> payload(e).put("bp_before", "128/82")),
                broken("blood pressure with a pulse", 3, "/payload/bp_after/pulse", "additionalProperties",
                        e -> ((ObjectNode) payload(e).get("bp_after")).put("pulse", 72)),
                broken("systolic out of range", 5, "/payload/bp_before/systolic", "maximum",
                        e -> ((ObjectNode) payload(e).get("bp_before")).put("systolic", 400)),
                broken("severity not in the enum", 7, "/payload/severity", "enum",
                        e -> payload(e).put("severity", "FATAL")),
                broken("relatedness not in the enum", 7, "/payload/relatedness", "enum",
                        e -> payload(e).put("relatedness", "LIKELY")),
                broken("serious as a string", 7, "/payload/serious", "type",
                        e -> payload(e).put("serious", "false")),
                broken("consent_withdrawn missing", 11, "/payload/consent_withdrawn", "required",
                        e -> payload(e).remove("consent_withdrawn")));
    }

    /** Sample envelope {@code sequence}, broken by {@code breakIt}; expect a {@code keyword} error at {@code member}. */
    private static Arguments broken(String name, int sequence, String member, String keyword,
                                    Consumer<ObjectNode> breakIt) {
        return Arguments.of(name, sequence, member, keyword, breakIt);
    }

    private static ObjectNode actor(ObjectNode envelope) {
        return (ObjectNode) envelope.get("actor");
    }

    private static ObjectNode payload(ObjectNode envelope) {
        return (ObjectNode) envelope.get("payload");
    }

    private static void flags(ObjectNode envelope, String... flags) {
        ArrayNode array = payload(envelope).putArray("flags");
        for (String flag : flags) {
            array.add(flag);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode branchFor(String eventType) {
        for (JsonNode branch : SCHEMA_TREE.path("allOf")) {
            if (eventType.equals(branch.at("/if/properties/event_type/const").textValue())) {
                return branch;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEnvelopes")
    void aBrokenEnvelopeFailsWithAnErrorNamingTheMember(String name, int sequence, String member, String keyword,
                                                         Consumer<ObjectNode> breakIt) {
        ObjectNode envelope = sample(sequence);
        assertThat(errors(envelope)).as("the envelope before breaking it").isEmpty();

        breakIt.accept(envelope);

        List<ValidationMessage> errors = errors(envelope);
        assertThat(errors).as(name).isNotEmpty();
        assertThat(errors).as("%s: a %s error names %s; got %s", name, keyword, member, errors)
                .anyMatch(m -> reports(m, member, keyword));
    }

    @Test
    void aValidEnvelopeMayLeaveEveryOptionalFieldOutOrFillItIn() {
        // Optional means absent or a value, as the records allow: a per-session CADSS form with a study day,
        // a dose given over high pre-dose BP, a withheld dose without a BP reading.
        ObjectNode cadss = sample(1);
        payload(cadss).remove("visit");
        payload(cadss).put("dose_session", 2);
        payload(cadss).put("study_day", 8);
        payload(cadss).put("out_of_window", true);
        ObjectNode beforeFirstDose = sample(1);
        payload(beforeFirstDose).put("study_day", -3);
        ObjectNode override = sample(6);
        assertThat(payload(override).has("override_reason")).isTrue();
        ObjectNode withheldWithoutBp = sample(5);
        payload(withheldWithoutBp).remove("bp_before");

        for (ObjectNode envelope : List.of(cadss, beforeFirstDose, override, withheldWithoutBp)) {
            assertThat(errors(envelope)).as(envelope.toString()).isEmpty();
        }
        // ... and the rule is the record's: the same payloads read back as typed events.
        for (ObjectNode envelope : List.of(cadss, beforeFirstDose, withheldWithoutBp)) {
            StudyEvent event = EnvelopeCodec.payloadOf(EnvelopeCodec.decode(envelope));
            assertThat(event.getClass().getSimpleName()).isEqualTo(envelope.get("event_type").textValue());
        }
    }
}
