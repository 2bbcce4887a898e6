package org.studyledger.center.intake.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The wire field names of a request record, in the record's order, taken from its {@link JsonProperty} names. */
public final class RequestFields {
    private RequestFields() {
    }

    public static Set<String> of(Class<? extends Record> request) {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent component : request.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null || property.value().isEmpty()) {
                // A component without a wire name would silently be an unknown field at the intake.
                throw new IllegalStateException(request.getSimpleName() + "." + component.getName()
                        + " has no @JsonProperty wire name");
            }
            names.add(property.value());
        }
        return Collections.unmodifiableSet(names);
    }
}
