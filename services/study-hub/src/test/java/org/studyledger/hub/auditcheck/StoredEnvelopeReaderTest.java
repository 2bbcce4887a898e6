package org.studyledger.hub.auditcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.envelope.EnvelopeHeader;
import org.studyledger.kernel.envelope.KernelJson;

/**
 * The header read from a stream of the metadata, keeping only the header's members (the export), is the header read
 * from the whole metadata map (what the verifier reads), and metadata that gives no header is refused in the same
 * words: for well-formed metadata, odd values (numbers, null, a header member that is an object), other members of any
 * shape around them, and malformed or missing metadata.
 */
class StoredEnvelopeReaderTest {
    private static final String HEADER = "\"event_id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"study_id\":\"ESK-TRD\","
            + "\"center_id\":\"PAV\",\"subject_id\":\"PAV-001\",\"occurred_at\":\"2026-01-12T09:30:00.000Z\","
            + "\"recorded_at\":\"2026-01-12T09:31:00.000Z\",\"actor_role\":\"investigator\",\"source\":\"api\","
            + "\"previous_hash\":\"" + "0".repeat(64) + "\"";

    private final StoredEnvelopeReader reader = new StoredEnvelopeReader();

    @Test
    void theStreamedHeaderIsTheWholeMetadatasHeader() throws Exception {
        List<String> metadata = List.of(
                "{" + HEADER + ",\"sequence\":\"7\",\"actor_id\":\"inv-01\",\"hash\":\"ab\",\"key_id\":\"PAV-1\",\"signature\":\"x\"}",
                "{" + HEADER + ",\"sequence\":7,\"actor_id\":\"inv-01\",\"actor_name\":\"Dr. Ré\"}",
                "{\"nested\":{\"sequence\":1,\"a\":[1,{\"b\":2}]}," + HEADER + ",\"sequence\":7,\"actor_id\":12.50}",
                "{" + HEADER + ",\"sequence\":7,\"actor_id\":true,\"actor_name\":null,\"list\":[\"x\",null]}",
                "{" + HEADER + ",\"sequence\":7,\"sequence\":8,\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":7.0,\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":1e3,\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":7}",
                "{" + HEADER + ",\"sequence\":null,\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":{\"n\":7},\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":[7],\"actor_id\":\"a\"}",
                "{" + HEADER + ",\"sequence\":7,\"actor_id\":\"a\"",
                "{" + HEADER + ",\"sequence\":7,\"actor_id\":\"a\",}",
                "[1,2]",
                "null",
                "\"text\"",
                "",
                "{}");
        for (String json : metadata) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> reader.header(bytes))).as(json).isEqualTo(outcome(() -> whole(bytes)));
        }
        assertThat(outcome(() -> reader.header(null))).isEqualTo(outcome(() -> whole(null)));
        assertThat(outcome(() -> reader.header(metadata.get(0).getBytes(StandardCharsets.UTF_8))))
                .startsWith("header EnvelopeHeader[");
    }

    /** The header as the whole metadata map gives it (the kernel's mapping, every member). */
    private static EnvelopeHeader whole(byte[] bytes) throws StoredEnvelopeReader.Unreadable {
        if (bytes == null) {
            throw new StoredEnvelopeReader.Unreadable("the event has no metadata, so no envelope header");
        }
        Map<String, Object> map;
        try {
            map = KernelJson.mapper().readValue(bytes, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StoredEnvelopeReader.Unreadable("the metadata cannot be read: " + message.lines().findFirst().orElse(""));
        }
        if (map == null) {
            throw new StoredEnvelopeReader.Unreadable("the metadata cannot be read: it is null");
        }
        try {
            return EnvelopeHeader.fromMetadata(map);
        } catch (org.studyledger.kernel.validation.ValidationException e) {
            throw new StoredEnvelopeReader.Unreadable("the envelope header in the metadata is incomplete: "
                    + e.problems().stream().map(Object::toString).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    private interface Read {
        EnvelopeHeader header() throws StoredEnvelopeReader.Unreadable;
    }

    private static String outcome(Read read) {
        try {
            return "header " + read.header();
        } catch (StoredEnvelopeReader.Unreadable e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
