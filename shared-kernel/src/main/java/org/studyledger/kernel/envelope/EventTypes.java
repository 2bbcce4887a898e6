package org.studyledger.kernel.envelope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.Revision;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The catalogue of event types: the name an event travels under (its simple class name, e.g.
 * {@code AssessmentRecorded}) and its current schema revision, read from {@link Revision}.
 */
public final class EventTypes {
    private static final Map<String, Class<? extends StudyEvent>> BY_NAME = index();

    private EventTypes() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends StudyEvent>> index() {
        Map<String, Class<? extends StudyEvent>> byName = new LinkedHashMap<>();
        for (Class<?> type : StudyEvent.class.getPermittedSubclasses()) {
            if (type.getAnnotation(Revision.class) == null) {
                throw new IllegalStateException(type.getSimpleName() + " has no @Revision");
            }
            byName.put(type.getSimpleName(), (Class<? extends StudyEvent>) type);
        }
        return Collections.unmodifiableMap(byName);
    }

    public static Map<String, Class<? extends StudyEvent>> all() {
        return BY_NAME;
    }

    public static Optional<Class<? extends StudyEvent>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Class<? extends StudyEvent> type) {
        return type.getSimpleName();
    }

    public static String revisionOf(Class<? extends StudyEvent> type) {
        return type.getAnnotation(Revision.class).value();
    }
}
