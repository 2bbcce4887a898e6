package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The wire field names of a request record, in the record's order, taken from its {@link JsonProperty} names; and by
 * the record's component names, which are those of the command the request becomes.
 */
public final class RequestFields {
    private RequestFields() {
    }

    public static Set<String> of(Class<? extends Record> request) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byComponent(request).values()));
    }

    /** The wire name of each component, by the component's Java name ({@code birthYear} → {@code birth_year}). */
    public static Map<String, String> byComponent(Class<? extends Record> request) {
        Map<String, String> names = new LinkedHashMap<>();
        for (RecordComponent component : request.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null || property.value().isEmpty()) {
                // A component without a wire name would silently be an unknown field at the intake.
                throw new IllegalStateException(request.getSimpleName() + "." + component.getName()
                        + " has no @JsonProperty wire name");
            }
            names.put(component.getName(), property.value());
        }
        return Collections.unmodifiableMap(names);
    }
}
