package org.studyledger.hub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.studyledger.support.security.testing.DocsSection;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The documents that describe each kind of event, one by one, name every kind the kernel permits: a new event type
 * fails here until the wire format, the API, the timeline's wording and the ODM mapping say what it becomes. Code is
 * held to the same by the exhaustive visitor and the projections' one handler per type; prose has no compiler.
 */
class EventDocumentationTest {
    private static final List<String> EVENTS = Arrays.stream(StudyEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName).toList();

    @Test
    void everyEventTypeIsDocumentedWhereEventTypesAreListed() throws IOException {
        Path docs = DocsSection.docs();
        String events = Files.readString(docs.resolve("events.md"));
        String api = Files.readString(docs.resolve("api.md"));
        String hub = Files.readString(docs.resolve("hub.md"));
        String odm = Files.readString(docs.resolve("odm-export.md"));
        String eventTypeRow = api.lines().filter(l -> l.startsWith("| `event_type` |")).findFirst().orElse("");
        assertThat(EVENTS).hasSizeGreaterThanOrEqualTo(9);
        SoftAssertions softly = new SoftAssertions();
        for (String type : EVENTS) {
            softly.assertThat(events).as("docs/events.md has a section for %s", type)
                    .containsPattern("(?m)^### `" + Pattern.quote(type) + "`");
            softly.assertThat(eventTypeRow).as("docs/api.md's event_type row names %s", type)
                    .contains("`" + type + "`");
            softly.assertThat(hub).as("docs/hub.md's timeline summaries have a row for %s", type)
                    .containsPattern("(?m)^\\| `" + Pattern.quote(type) + "` \\|");
            softly.assertThat(odm).as("docs/odm-export.md maps %s to ODM", type)
                    .containsPattern("(?m)^\\| `" + Pattern.quote(type) + "`( \\([^)]*\\))? \\|");
        }
        softly.assertAll();
    }
}
