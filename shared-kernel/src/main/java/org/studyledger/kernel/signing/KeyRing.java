package org.studyledger.kernel.signing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.studyledger.kernel.study.CenterId;

/** The registered public keys of every center, by key id: what envelopes are verified against. */
public final class KeyRing {
    private static final KeyRing EMPTY = new KeyRing(Map.of());

    private final Map<KeyId, RegisteredKey> keys;

    private KeyRing(Map<KeyId, RegisteredKey> keys) {
        this.keys = keys;
    }

    public static KeyRing empty() {
        return EMPTY;
    }

    public static KeyRing of(Collection<RegisteredKey> keys) {
        Map<KeyId, RegisteredKey> byId = new TreeMap<>(Comparator.comparing(KeyId::value));
        for (RegisteredKey key : keys) {
            RegisteredKey earlier = byId.put(key.keyId(), key);
            if (earlier != null && !earlier.equals(key)) {
                throw new IllegalArgumentException("key " + key.keyId() + " is registered twice, differently");
            }
        }
        return new KeyRing(Map.copyOf(byId));
    }

    public static KeyRing of(RegisteredKey... keys) {
        return of(List.of(keys));
    }

    /** The key with this id; an id that is not even well-formed is simply not found. */
    public Optional<RegisteredKey> find(String keyId) {
        try {
            return Optional.ofNullable(keys.get(new KeyId(keyId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public List<RegisteredKey> keysOf(CenterId center) {
        return keys.values().stream().filter(k -> k.center().equals(center))
                .sorted(Comparator.comparing(RegisteredKey::createdAt).thenComparing(k -> k.keyId().value()))
                .toList();
    }

    public List<RegisteredKey> all() {
        return keys.values().stream().sorted(Comparator.comparing((RegisteredKey k) -> k.keyId().value())).toList();
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** This ring plus {@code key} (replacing an earlier registration of the same key, e.g. to retire it). */
    public KeyRing with(RegisteredKey key) {
        Map<KeyId, RegisteredKey> copy = new TreeMap<>(Comparator.comparing(KeyId::value));
        copy.putAll(keys);
        copy.put(key.keyId(), key);
        return new KeyRing(Map.copyOf(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRing other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "KeyRing" + keys.keySet();
    }
}
