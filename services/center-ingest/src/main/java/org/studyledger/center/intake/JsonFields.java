package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A JSON request body as a {@link FieldReader.Source}: JSON values become plain Java values, null is absent. */
final class JsonFields implements FieldReader.Source {
    private final JsonNode body;

    JsonFields(JsonNode body) {
        this.body = body;
    }

    /** A reader of the body's fields that already holds the problems reading the body found. */
    static FieldReader reader(JsonBody body) {
        JsonNode tree = body.tree();
        FieldReader reader = new FieldReader(new JsonFields(tree), "", body.problems());
        if (tree == null || !tree.isObject()) {
            reader.problem("", "the request body must be a JSON object");
            reader.throwIfProblems();
        }
        return reader;
    }

    @Override
    public Object get(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : toJava(v);
    }

    @Override
    public Set<String> fields() {
        Set<String> names = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Object toJava(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null : toJava(e.getValue())));
            return map;
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(toJava(x)));
            return list;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText();
    }
}
