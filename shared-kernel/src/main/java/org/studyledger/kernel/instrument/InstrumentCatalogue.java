package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * The instrument versions a deployment can score, loaded from JSON definitions. Every definition
 * is checked on loading; a catalogue that loads is one the engine can score without surprises.
 */
public final class InstrumentCatalogue {
    /** The bundled catalogue's index, relative to this class. */
    static final String STANDARD_INDEX = "catalogue/index.json";

    /** Orders versions numerically component by component, so 1.10 follows 1.9. */
    public static final Comparator<String> VERSION_ORDER = InstrumentCatalogue::compareVersions;

    private final SortedMap<String, SortedMap<String, Instrument>> byCode;

    private InstrumentCatalogue(SortedMap<String, SortedMap<String, Instrument>> byCode) {
        this.byCode = byCode;
    }

    /** The catalogue bundled with the kernel (see {@code docs/instruments.md}). */
    public static InstrumentCatalogue standard() {
        return Standard.CATALOGUE;
    }

    /** A catalogue of the given definitions; all problems in all of them are reported at once. */
    public static InstrumentCatalogue of(Collection<Instrument> instruments) {
        List<Problem> problems = new ArrayList<>();
        SortedMap<String, SortedMap<String, Instrument>> byCode = new TreeMap<>();
        int index = 0;
        for (Instrument instrument : instruments) {
            String where = instrument == null || instrument.code() == null || instrument.version() == null
                    ? "[" + index + "]" : instrument.code() + "/" + instrument.version();
            index++;
            if (instrument == null) {
                problems.add(new Problem(where, "is empty"));
                continue;
            }
            List<Problem> own = DefinitionChecker.check(instrument);
            own.forEach(p -> problems.add(p.under(where)));
            if (!own.isEmpty()) {
                continue;
            }
            SortedMap<String, Instrument> versions = byCode.computeIfAbsent(instrument.code(),
                    c -> new TreeMap<>(VERSION_ORDER));
            if (versions.putIfAbsent(instrument.version(), instrument) != null) {
                problems.add(new Problem(where, "is defined twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new InstrumentCatalogue(byCode);
    }

    /** A catalogue from definition texts (e.g. in tests). */
    public static InstrumentCatalogue fromJson(Collection<String> definitions) {
        List<Instrument> instruments = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int index = 0;
        for (String json : definitions) {
            try {
                instruments.add(DefinitionJson.read(json, Instrument.class));
            } catch (ValidationException e) {
                String where = "[" + index + "]";
                e.problems().forEach(p -> problems.add(p.under(where)));
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return of(instruments);
    }

    /**
     * A catalogue from an index resource next to {@code anchor} (as for
     * {@link Class#getResourceAsStream}); the index lists definition files relative to itself,
     * each named {@code <code in lower case>-<version>.json}.
     */
    public static InstrumentCatalogue fromIndex(Class<?> anchor, String indexResource) {
        Index index = DefinitionJson.read(DefinitionJson.resource(anchor, indexResource), Index.class);
        if (index.format() == null || index.format() != Instrument.FORMAT || index.instruments() == null) {
            throw new ValidationException(new Problem(indexResource,
                    "must be {\"format\": " + Instrument.FORMAT + ", \"instruments\": [file names]}"));
        }
        String base = indexResource.contains("/") ? indexResource.substring(0, indexResource.lastIndexOf('/') + 1) : "";
        List<Instrument> instruments = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String file : index.instruments()) {
            try {
                Instrument instrument = DefinitionJson.read(DefinitionJson.resource(anchor, base + file), Instrument.class);
                String expected = instrument.code() == null || instrument.version() == null ? null
                        : instrument.code().toLowerCase(Locale.ROOT) + "-" + instrument.version() + ".json";
                if (!file.equals(expected)) {
                    // The name is how a reviewer finds "MADRS version 1" in a diff; it must not lie.
                    problems.add(new Problem(file, "defines " + instrument + ", so it must be named " + expected));
                }
                instruments.add(instrument);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problems.add(p.under(file)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return of(instruments);
    }

    public Optional<Instrument> find(InstrumentRef ref) {
        SortedMap<String, Instrument> versions = byCode.get(ref.code());
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(ref.version()));
    }

    /** The highest version of an instrument (for new forms; stored forms keep the version they name). */
    public Optional<Instrument> latest(String code) {
        SortedMap<String, Instrument> versions = byCode.get(code);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.lastKey()));
    }

    /** Every definition, by code and then by version. */
    public List<Instrument> instruments() {
        return byCode.values().stream().flatMap(v -> v.values().stream()).collect(Collectors.toUnmodifiableList());
    }

    public SortedSet<String> codes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byCode.keySet()));
    }

    /** Versions of one instrument, oldest first; empty if the code is unknown. */
    public List<String> versions(String code) {
        SortedMap<String, Instrument> versions = byCode.get(code);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    String describeMissing(InstrumentRef ref) {
        List<String> versions = versions(ref.code());
        if (!versions.isEmpty()) {
            return ref.code() + " has no version " + ref.version() + " in the catalogue (versions: "
                    + String.join(", ", versions) + ")";
        }
        return "unknown instrument " + ref + " (the catalogue has: " + String.join(", ", codes()) + ")";
    }

    private static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = new BigInteger(left[i]).compareTo(new BigInteger(right[i]));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(left.length, right.length);
        // Tie-break on the text so "1.01" and "1.1" stay distinct entries.
        return c != 0 ? c : a.compareTo(b);
    }

    private record Index(@JsonProperty("format") Integer format, @JsonProperty("instruments") List<String> instruments) {
    }

    private static final class Standard {
        static final InstrumentCatalogue CATALOGUE = fromIndex(InstrumentCatalogue.class, STANDARD_INDEX);
    }

    @Override
    public String toString() {
        return instruments().stream().map(Instrument::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
