package org.studyledger.kernel.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
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
 * fails with an error that names the offending member. The schema checked is the kernel's own {@link WireSchema},
 * the one every reader enforces, and it is the docs file itself; the table of broken envelopes violates every
 * constraint of the schema at least once, and every broken envelope is refused by {@link EnvelopeReader}.
 */
class WireSchemaTest {
    private static final Path SCHEMA_FILE = locateDocs().resolve("schemas/envelope.schema.json");
    private static final JsonNode SCHEMA_TREE = readJson(SCHEMA_FILE);
    /** Keywords that constrain an instance (as opposed to applying subschemas or annotating). */
    private static final Set<String> CONSTRAINTS = Set.of("type", "enum", "const", "pattern", "format", "minLength",
            "maxLength", "minimum", "maximum", "minProperties", "required", "additionalProperties", "dependentRequired",
            "uniqueItems", "not", "oneOf");

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

    private static JsonNode readTree(byte[] bytes) {
        try {
            return KernelJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode sample(int sequence) {
        return wireForm(EnvelopeCodec.toTree(SampleEvents.chain().get(sequence)));
    }

    private static List<WireSchema.Violation> errors(JsonNode envelope) {
        return WireSchema.envelope().validate(envelope);
    }

    /**
     * Whether {@code v} is a {@code keyword} error about {@code member} (a JSON Pointer into the envelope, e.g.
     * {@code /payload/flags/0}; for a missing or unexpected member, the member's own pointer).
     */
    private static boolean reports(WireSchema.Violation v, String member, String keyword) {
        return keyword.equals(v.keyword()) && v.path().equals(member.substring(1).replace('/', '.'));
    }

    @Test
    void theEnforcedSchemaIsThePublishedFile() {
        assertThat(WireSchema.envelope().document()).isEqualTo(SCHEMA_TREE);
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

        assertThat(errors(keyOnly)).anySatisfy(error -> assertThat(error.path()).isEqualTo("signature"));
        assertThat(errors(signatureOnly)).anySatisfy(error -> assertThat(error.path()).isEqualTo("key_id"));
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
        return Stream.concat(headerAndPayloadCases(), everyOtherConstraint());
    }

    private static Stream<Arguments> headerAndPayloadCases() {
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
                broken("reason of 201 characters", 8, "/payload/reason", "maxLength",
                        e -> payload(e).put("reason", "x".repeat(201))),
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

    /** One case per constraint the cases above leave untouched, so that the table covers the whole schema. */
    private static Stream<Arguments> everyOtherConstraint() {
        long aboveInt = 2147483648L;
        String signature = "A".repeat(85) + "Q";
        List<Arguments> cases = new ArrayList<>(List.of(
                broken("event_id a number", 1, "/event_id", "type", e -> e.put("event_id", 5)),
                broken("schema_revision a number", 1, "/schema_revision", "type", e -> e.put("schema_revision", 1)),
                broken("study_id of one letter", 1, "/study_id", "minLength", e -> e.put("study_id", "E")),
                broken("study_id of 21 characters", 1, "/study_id", "maxLength", e -> e.put("study_id", "ABCDEFGHIJKLMNOPQRSTU")),
                broken("study_id a number", 1, "/study_id", "type", e -> e.put("study_id", 7)),
                broken("center_id a number", 1, "/center_id", "type", e -> e.put("center_id", 7)),
                broken("subject_id a number", 1, "/subject_id", "type", e -> e.put("subject_id", 7)),
                broken("sequence beyond a long", 1, "/sequence", "maximum",
                        e -> e.put("sequence", new java.math.BigInteger("9223372036854775808"))),
                broken("occurred_at a number", 1, "/occurred_at", "type", e -> e.put("occurred_at", 7)),
                broken("recorded_at on no calendar day", 1, "/recorded_at", "format",
                        e -> e.put("recorded_at", "2026-02-30T08:50:17.123Z")),
                broken("actor a string", 1, "/actor", "type", e -> e.put("actor", "rater-017")),
                broken("actor id empty", 1, "/actor/id", "minLength", e -> actor(e).put("id", "")),
                broken("actor id blank", 1, "/actor/id", "pattern", e -> actor(e).put("id", "   ")),
                broken("actor id a number", 1, "/actor/id", "type", e -> actor(e).put("id", 17)),
                broken("actor role a number", 1, "/actor/role", "type", e -> actor(e).put("role", 17)),
                broken("source a number", 1, "/source", "type", e -> e.put("source", 1)),
                broken("source with a line break after it", 1, "/source", "pattern", e -> e.put("source", "api\n")),
                broken("hash of 65 digits", 1, "/hash", "maxLength", e -> e.put("hash", "a".repeat(65))),
                broken("hash a number", 1, "/hash", "type", e -> e.put("hash", 1)),
                broken("key_id without signature", 1, "/signature", "dependentRequired",
                        e -> e.put("key_id", "PAV-0123456789abcdef")),
                broken("key_id in lower case", 1, "/key_id", "pattern",
                        e -> e.put("key_id", "pav-0123456789abcdef").put("signature", signature)),
                broken("key_id of 26 characters", 1, "/key_id", "maxLength",
                        e -> e.put("key_id", "PAVIAPAV-0123456789abcdef0").put("signature", signature)),
                broken("key_id a number", 1, "/key_id", "type", e -> e.put("key_id", 1).put("signature", signature)),
                broken("signature of 85 characters", 1, "/signature", "minLength",
                        e -> e.put("key_id", "PAV-0123456789abcdef").put("signature", signature.substring(1))),
                broken("signature of 87 characters", 1, "/signature", "maxLength",
                        e -> e.put("key_id", "PAV-0123456789abcdef").put("signature", "A" + signature)),
                broken("signature with padding", 1, "/signature", "pattern",
                        e -> e.put("key_id", "PAV-0123456789abcdef").put("signature", "A".repeat(84) + "==")),
                broken("signature a number", 1, "/signature", "type",
                        e -> e.put("key_id", "PAV-0123456789abcdef").put("signature", 1)),
                // Payloads, type by type.
                broken("enrolment without sex", 0, "/payload/sex", "required", e -> payload(e).remove("sex")),
                broken("enrolment with a stray field", 0, "/payload/height", "additionalProperties", e -> payload(e).put("height", 170)),
                broken("enrolment payload a string", 0, "/payload", "type", e -> e.put("payload", "enrolled")),
                broken("birth year 1899", 0, "/payload/birth_year", "minimum", e -> payload(e).put("birth_year", 1899)),
                broken("birth year 2101", 0, "/payload/birth_year", "maximum", e -> payload(e).put("birth_year", 2101)),
                broken("episode a string", 0, "/payload/episode_duration_months", "type",
                        e -> payload(e).put("episode_duration_months", "14")),
                broken("episode negative", 0, "/payload/episode_duration_months", "minimum",
                        e -> payload(e).put("episode_duration_months", -1)),
                broken("episode beyond an int", 0, "/payload/episode_duration_months", "maximum",
                        e -> payload(e).put("episode_duration_months", aboveInt)),
                broken("trials a string", 0, "/payload/failed_antidepressant_trials", "type",
                        e -> payload(e).put("failed_antidepressant_trials", "3")),
                broken("trials negative", 0, "/payload/failed_antidepressant_trials", "minimum",
                        e -> payload(e).put("failed_antidepressant_trials", -1)),
                broken("trials beyond an int", 0, "/payload/failed_antidepressant_trials", "maximum",
                        e -> payload(e).put("failed_antidepressant_trials", aboveInt)),
                broken("consent date a number", 0, "/payload/consent_date", "type", e -> payload(e).put("consent_date", 20260105)),
                broken("assessment payload a string", 1, "/payload", "type", e -> e.put("payload", "MADRS")),
                broken("assessment with a stray field", 1, "/payload/comment", "additionalProperties",
                        e -> payload(e).put("comment", "ok")),
                broken("visit a number", 1, "/payload/visit", "type", e -> payload(e).put("visit", 0)),
                broken("dose session a string", 1, "/payload/dose_session", "type",
                        e -> withoutVisit(e).put("dose_session", "1")),
                broken("dose session 0", 1, "/payload/dose_session", "minimum",
                        e -> withoutVisit(e).put("dose_session", 0)),
                broken("dose session beyond an int", 1, "/payload/dose_session", "maximum",
                        e -> withoutVisit(e).put("dose_session", aboveInt)),
                broken("out_of_window a string", 1, "/payload/out_of_window", "type", e -> payload(e).put("out_of_window", "no")),
                broken("study day below an int", 1, "/payload/study_day", "minimum", e -> payload(e).put("study_day", -aboveInt - 1)),
                broken("study day beyond an int", 1, "/payload/study_day", "maximum", e -> payload(e).put("study_day", aboveInt)),
                broken("instrument with a stray member", 1, "/payload/instrument/edition", "additionalProperties",
                        e -> ((ObjectNode) payload(e).get("instrument")).put("edition", "2")),
                broken("instrument without version", 1, "/payload/instrument/version", "required",
                        e -> ((ObjectNode) payload(e).get("instrument")).remove("version")),
                broken("instrument code in lower case", 1, "/payload/instrument/code", "pattern",
                        e -> ((ObjectNode) payload(e).get("instrument")).put("code", "madrs")),
                broken("instrument code a number", 1, "/payload/instrument/code", "type",
                        e -> ((ObjectNode) payload(e).get("instrument")).put("code", 1)),
                broken("instrument version v1", 1, "/payload/instrument/version", "pattern",
                        e -> ((ObjectNode) payload(e).get("instrument")).put("version", "v1")),
                broken("instrument version a number", 1, "/payload/instrument/version", "type",
                        e -> ((ObjectNode) payload(e).get("instrument")).put("version", 1)),
                broken("items an array", 1, "/payload/items", "type", e -> payload(e).putArray("items")),
                broken("item below an int", 1, "/payload/items/MADRS_01", "minimum",
                        e -> ((ObjectNode) payload(e).get("items")).put("MADRS_01", -aboveInt - 1)),
                broken("item beyond an int", 1, "/payload/items/MADRS_01", "maximum",
                        e -> ((ObjectNode) payload(e).get("items")).put("MADRS_01", aboveInt)),
                broken("scores an array", 1, "/payload/scores", "type", e -> payload(e).putArray("scores")),
                broken("score set with a stray member", 1, "/payload/scores/notes", "additionalProperties",
                        e -> ((ObjectNode) payload(e).get("scores")).put("notes", "x")),
                broken("scores of the score set an array", 1, "/payload/scores/scores", "type",
                        e -> ((ObjectNode) payload(e).get("scores")).putArray("scores")),
                broken("categories an array", 1, "/payload/scores/categories", "type",
                        e -> ((ObjectNode) payload(e).get("scores")).putArray("categories")),
                broken("category a number", 1, "/payload/scores/categories/MADRS_SEVERITY", "type",
                        e -> ((ObjectNode) payload(e).get("scores").get("categories")).put("MADRS_SEVERITY", 3)),
                broken("rater a number", 1, "/payload/rater", "type", e -> payload(e).put("rater", 17)),
                broken("dose payload a string", 3, "/payload", "type", e -> e.put("payload", "56 mg")),
                broken("dose with a stray field", 3, "/payload/route", "additionalProperties", e -> payload(e).put("route", "nasal")),
                broken("devices a string", 3, "/payload/devices", "type", e -> payload(e).put("devices", "2")),
                broken("devices 0", 3, "/payload/devices", "minimum", e -> payload(e).put("devices", 0)),
                broken("devices beyond an int", 3, "/payload/devices", "maximum", e -> payload(e).put("devices", aboveInt)),
                broken("dose a string", 3, "/payload/dose_mg", "type", e -> payload(e).put("dose_mg", "56")),
                broken("dose 0", 3, "/payload/dose_mg", "minimum", e -> payload(e).put("dose_mg", 0)),
                broken("dose beyond an int", 3, "/payload/dose_mg", "maximum", e -> payload(e).put("dose_mg", aboveInt)),
                broken("monitoring a string", 3, "/payload/monitoring_minutes", "type", e -> payload(e).put("monitoring_minutes", "120")),
                broken("monitoring negative", 3, "/payload/monitoring_minutes", "minimum", e -> payload(e).put("monitoring_minutes", -1)),
                broken("monitoring beyond an int", 3, "/payload/monitoring_minutes", "maximum",
                        e -> payload(e).put("monitoring_minutes", aboveInt)),
                broken("session a string", 3, "/payload/session_number", "type", e -> payload(e).put("session_number", "1")),
                broken("session 0", 3, "/payload/session_number", "minimum", e -> payload(e).put("session_number", 0)),
                broken("session beyond an int", 3, "/payload/session_number", "maximum", e -> payload(e).put("session_number", aboveInt)),
                broken("flags a string", 3, "/payload/flags", "type", e -> payload(e).put("flags", "none")),
                broken("blood pressure without diastolic", 3, "/payload/bp_before/diastolic", "required",
                        e -> ((ObjectNode) payload(e).get("bp_before")).remove("diastolic")),
                broken("systolic a string", 3, "/payload/bp_before/systolic", "type",
                        e -> ((ObjectNode) payload(e).get("bp_before")).put("systolic", "128")),
                broken("systolic 49", 3, "/payload/bp_before/systolic", "minimum",
                        e -> ((ObjectNode) payload(e).get("bp_before")).put("systolic", 49)),
                broken("diastolic a string", 3, "/payload/bp_after/diastolic", "type",
                        e -> ((ObjectNode) payload(e).get("bp_after")).put("diastolic", "90")),
                broken("diastolic 19", 3, "/payload/bp_after/diastolic", "minimum",
                        e -> ((ObjectNode) payload(e).get("bp_after")).put("diastolic", 19)),
                broken("diastolic 201", 3, "/payload/bp_after/diastolic", "maximum",
                        e -> ((ObjectNode) payload(e).get("bp_after")).put("diastolic", 201)),
                broken("correction payload a string", 4, "/payload", "type", e -> e.put("payload", "corrected")),
                broken("correction without reason", 4, "/payload/reason", "required", e -> payload(e).remove("reason")),
                broken("correction with a stray field", 4, "/payload/visit", "additionalProperties", e -> payload(e).put("visit", "T0")),
                broken("reason a number", 4, "/payload/reason", "type", e -> payload(e).put("reason", 4)),
                broken("withheld payload a string", 5, "/payload", "type", e -> e.put("payload", "withheld")),
                broken("withheld without reason", 5, "/payload/reason", "required", e -> payload(e).remove("reason")),
                broken("withheld with a stray field", 5, "/payload/dose_mg", "additionalProperties", e -> payload(e).put("dose_mg", 56)),
                broken("withheld session a string", 5, "/payload/session_number", "type", e -> payload(e).put("session_number", "2")),
                broken("withheld session 0", 5, "/payload/session_number", "minimum", e -> payload(e).put("session_number", 0)),
                broken("withheld session beyond an int", 5, "/payload/session_number", "maximum",
                        e -> payload(e).put("session_number", aboveInt)),
                broken("adverse event payload a string", 7, "/payload", "type", e -> e.put("payload", "AE")),
                broken("adverse event without term", 7, "/payload/term", "required", e -> payload(e).remove("term")),
                broken("adverse event with a stray field", 7, "/payload/outcome", "additionalProperties",
                        e -> payload(e).put("outcome", "recovered")),
                broken("onset date a number", 7, "/payload/onset_date", "type", e -> payload(e).put("onset_date", 20260119)),
                broken("retraction payload a string", 8, "/payload", "type", e -> e.put("payload", "retracted")),
                broken("retraction without reason", 8, "/payload/reason", "required", e -> payload(e).remove("reason")),
                broken("retraction with a stray field", 8, "/payload/items", "additionalProperties", e -> payload(e).putObject("items")),
                broken("assessment id a number", 8, "/payload/assessment_id", "type", e -> payload(e).put("assessment_id", 8)),
                broken("follow-up with a stray field", 9, "/payload/visit", "additionalProperties", e -> payload(e).put("visit", "M6")),
                broken("discontinuation payload a string", 11, "/payload", "type", e -> e.put("payload", "left")),
                broken("discontinuation with a stray field", 11, "/payload/visit", "additionalProperties",
                        e -> payload(e).put("visit", "M2")),
                broken("consent_withdrawn a string", 11, "/payload/consent_withdrawn", "type",
                        e -> payload(e).put("consent_withdrawn", "no"))));
        // Every event type's revision is pinned by its own branch of the schema.
        for (int sequence : new int[] {0, 3, 4, 5, 7, 8, 9, 11}) {
            cases.add(broken("revision 2 of sample " + sequence, sequence, "/schema_revision", "const",
                    e -> e.put("schema_revision", "2")));
        }
        return cases.stream();
    }

    /** Sample envelope {@code sequence}, broken by {@code breakIt}; expect a {@code keyword} error at {@code member}. */
    private static Arguments broken(String name, int sequence, String member, String keyword,
                                    Consumer<ObjectNode> breakIt) {
        return Arguments.of(name, sequence, member, keyword, breakIt);
    }

    private static ObjectNode actor(ObjectNode envelope) {
        return (ObjectNode) envelope.get("actor");
    }

    private static ObjectNode withoutVisit(ObjectNode envelope) {
        payload(envelope).remove("visit");
        return payload(envelope);
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

        List<WireSchema.Violation> errors = errors(envelope);
        assertThat(errors).as(name).isNotEmpty();
        assertThat(errors).as("%s: a %s error names %s; got %s", name, keyword, member, errors)
                .anyMatch(m -> reports(m, member, keyword));
        assertRefusedByTheReader(name, envelope);
    }

    /**
     * Every reader refuses it: the kernel's reading (header: MALFORMED or UNKNOWN_EVENT_TYPE; payload or revision:
     * SCHEMA_INVALID or UNKNOWN_EVENT_TYPE), or, for the schema's history rules, the chain checks every reader runs
     * (sequence 0 is an enrolment from genesis, an enrolment is sequence 0).
     */
    private static void assertRefusedByTheReader(String name, ObjectNode envelope) {
        byte[] bytes;
        try {
            bytes = CanonicalJson.encode(envelope);
        } catch (IllegalArgumentException e) {
            return; // no canonical form at all: nothing can send it
        }
        if (!readTree(bytes).equals(envelope)) {
            return; // the canonical form cannot carry it (an explicit null): nothing can send it
        }
        EnvelopeReader.Reading reading = EnvelopeReader.read(bytes, WireLimits.DEFAULT);
        if (reading instanceof EnvelopeReader.Unreadable unreadable) {
            assertThat(unreadable.failure()).as(name).isIn(WireFailure.MALFORMED, WireFailure.UNKNOWN_EVENT_TYPE);
            return;
        }
        EnvelopeReader.Readable readable = (EnvelopeReader.Readable) reading;
        EnvelopeReader.Payload payload = EnvelopeReader.payloadOf(readable);
        if (payload instanceof EnvelopeReader.Refused refused) {
            assertThat(refused.failure()).as(name).isIn(WireFailure.SCHEMA_INVALID, WireFailure.UNKNOWN_EVENT_TYPE);
            return;
        }
        EventEnvelope e = readable.envelope();
        boolean enrolment = e.eventType().equals("SubjectEnrolled");
        assertThat(e.sequence() == 0 ? !enrolment || !e.previousHash().equals(EventHashes.GENESIS) : enrolment)
                .as("%s is refused by the reader or breaks a history rule the chain checks", name).isTrue();
    }

    /**
     * Drives the table from the schema: every constraint keyword anywhere in the schema (outside the conditions of
     * {@code if}, and the alternatives inside {@code oneOf} and {@code not}, which fail as the keyword that holds
     * them) is violated by at least one case of {@link #brokenEnvelopes}. A constraint added to the schema without a
     * case fails here.
     */
    @Test
    void theTableOfBrokenEnvelopesViolatesEveryConstraintOfTheSchema() {
        Set<String> constraints = new TreeSet<>();
        collectConstraints(SCHEMA_TREE, "#", constraints);
        Set<String> hit = new TreeSet<>();
        brokenEnvelopes().forEach(arguments -> {
            Object[] a = arguments.get();
            ObjectNode envelope = sample((Integer) a[1]);
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> breakIt = (Consumer<ObjectNode>) a[4];
            breakIt.accept(envelope);
            errors(envelope).forEach(v -> hit.add(v.schemaLocation()));
        });

        // The one constraint no envelope can break in place: the envelope is an object.
        errors(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()).forEach(v -> hit.add(v.schemaLocation()));

        assertThat(constraints).as("constraints of the schema").hasSizeGreaterThan(60);
        assertThat(new TreeSet<>(constraints.stream().filter(c -> !hit.contains(c)).toList()))
                .as("constraints no case of the table violates").isEmpty();
    }

    private static void collectConstraints(JsonNode schema, String at, Set<String> out) {
        if (!schema.isObject()) {
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            JsonNode value = schema.get(keyword);
            String here = at + "/" + keyword;
            if (CONSTRAINTS.contains(keyword) && !(keyword.equals("additionalProperties") && value.isObject())) {
                out.add(here);
            }
            switch (keyword) {
                case "properties", "$defs" -> value.fields().forEachRemaining(
                        f -> collectConstraints(f.getValue(), here + "/" + f.getKey(), out));
                case "allOf" -> {
                    for (int i = 0; i < value.size(); i++) {
                        collectConstraints(value.get(i), here + "/" + i, out);
                    }
                }
                case "then", "items", "additionalProperties" -> collectConstraints(value, here, out);
                default -> {
                    // if: a condition, never an error; oneOf and not: fail as themselves; the rest annotate.
                }
            }
        }
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
