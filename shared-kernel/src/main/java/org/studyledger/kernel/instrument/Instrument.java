package org.studyledger.kernel.instrument;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * One version of an instrument as the catalogue defines it: its items and how they are scored.
 * A published version never changes; a correction or a new rule is a new version, because events
 * name the version their scores were computed with.
 *
 * <p>Instances reached through an {@link InstrumentCatalogue} have passed the definition checks;
 * a hand-built instance has not until it is put into one.
 */
public record Instrument(
        @JsonProperty("format") Integer format,
        @JsonProperty("code") String code,
        @JsonProperty("version") String version,
        @JsonProperty("name") String name,
        @JsonProperty("source") String source,
        @JsonProperty("items") List<Item> items,
        @JsonProperty("scores") List<ScoreRule> scores) {

    /** The catalogue file format (rule vocabulary) this engine understands. */
    public static final int FORMAT = 1;

    public Instrument {
        items = items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
        scores = scores == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scores));
    }

    /** Parses and checks one definition; every problem in it is reported at once. */
    public static Instrument fromJson(String json) throws ValidationException {
        Instrument instrument = DefinitionJson.read(json, Instrument.class);
        List<Problem> problems = DefinitionChecker.check(instrument);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return instrument;
    }

    @JsonIgnore
    public InstrumentRef ref() {
        return new InstrumentRef(code, version);
    }

    public Optional<Item> item(String itemCode) {
        return items.stream().filter(i -> i != null && Objects.equals(i.code(), itemCode)).findFirst();
    }

    public Optional<ScoreRule> score(String scoreCode) {
        return scores.stream().filter(s -> s != null && Objects.equals(s.code(), scoreCode)).findFirst();
    }

    @Override
    public String toString() {
        return code + "/" + version;
    }
}
