package org.studyledger.kernel.instrument;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds response maps the way parsed JSON would hand them over. */
final class Forms {
    private Forms() {
    }

    /** {@code PREFIX_01 .. PREFIX_nn} answered with {@code values} in order. */
    static Map<String, Object> numbered(String prefix, int... values) {
        Map<String, Object> form = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            form.put(String.format("%s_%02d", prefix, i + 1), values[i]);
        }
        return form;
    }

    /** {@code count} items all answered {@code value}. */
    static Map<String, Object> uniform(String prefix, int count, int value) {
        int[] values = new int[count];
        java.util.Arrays.fill(values, value);
        return numbered(prefix, values);
    }

    /** MADRS items set so the total is {@code total}: as many 6s as fit, then the remainder. */
    static Map<String, Object> madrsWithTotal(int total) {
        int[] values = new int[10];
        int left = total;
        for (int i = 0; i < 10; i++) {
            values[i] = Math.min(6, left);
            left -= values[i];
        }
        if (left != 0) {
            throw new IllegalArgumentException("MADRS total must be 0 to 60: " + total);
        }
        return numbered("MADRS", values);
    }
}
