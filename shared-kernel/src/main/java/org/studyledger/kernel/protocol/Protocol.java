package org.studyledger.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.studyledger.kernel.instrument.InstrumentRef;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * One version of a study protocol, loaded from {@code <study id in lower case>-<version>.json}
 * next to this class: the visit schedule and windows, which instrument versions are used where,
 * and the dosing and efficacy rules. Every threshold lives in the file, so derived values
 * (nominal visits, flags) are reproducible from the protocol version an event names.
 */
public final class Protocol {
    /** The protocol file format this class reads. */
    public static final int FORMAT = 1;

    private static final Pattern STUDY_ID = Pattern.compile("[A-Z][A-Z0-9-]{0,31}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern VISIT_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");

    // Strict for the same reason as the instrument catalogue; and every field must be written,
    // so "no lower bound" is an explicit null rather than a forgotten key.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final String studyId;
    private final String version;
    private final String title;
    private final String source;
    private final SortedMap<String, InstrumentRef> instruments;
    private final List<Visit> visits;
    private final SortedSet<String> dosingSessionInstruments;
    private final DosingRules dosing;
    private final EfficacyCriteria efficacy;

    private Protocol(ProtocolFile file, SortedMap<String, InstrumentRef> instruments, List<Visit> visits) {
        this.studyId = file.study();
        this.version = file.version();
        this.title = file.title();
        this.source = file.source();
        this.instruments = Collections.unmodifiableSortedMap(instruments);
        this.visits = List.copyOf(visits);
        this.dosingSessionInstruments = Collections.unmodifiableSortedSet(new TreeSet<>(file.dosingSessionInstruments()));
        this.dosing = file.dosing();
        this.efficacy = file.efficacy();
    }

    /** The reference protocol ESK-TRD, version 1. */
    public static Protocol eskTrd() {
        return EskTrd.PROTOCOL;
    }

    /** A bundled protocol by study id and version, e.g. {@code ("ESK-TRD", "1")}. */
    public static Protocol load(String studyId, String version) {
        if (studyId == null || !STUDY_ID.matcher(studyId).matches()) {
            throw new IllegalArgumentException("study id must be upper-case letters, digits or -: " + studyId);
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("protocol version must be numeric (e.g. 1 or 1.1): " + version);
        }
        String name = studyId.toLowerCase(Locale.ROOT) + "-" + version + ".json";
        String json;
        try (InputStream in = Protocol.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no protocol " + studyId + " version " + version + " (" + name + ")");
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        Protocol protocol;
        try {
            protocol = fromJson(json);
        } catch (ValidationException e) {
            List<Problem> located = new ArrayList<>();
            e.problems().forEach(p -> located.add(p.under(name)));
            throw new ValidationException(located);
        }
        if (!protocol.studyId.equals(studyId) || !protocol.version.equals(version)) {
            throw new ValidationException(new Problem(name, "defines " + protocol + ", not " + studyId + "/" + version));
        }
        return protocol;
    }

    /** Parses and checks a protocol definition; every problem in it is reported at once. */
    public static Protocol fromJson(String json) {
        ProtocolFile file;
        try {
            file = MAPPER.readValue(json, ProtocolFile.class);
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? path(m) : "";
            throw new ValidationException(new Problem(path, e.getOriginalMessage()));
        }
        if (file == null) {
            throw new ValidationException(new Problem("", "the definition is empty (null)"));
        }
        return new Checker(file).build();
    }

    public String studyId() {
        return studyId;
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    /** Where the protocol's facts come from. */
    public String source() {
        return source;
    }

    /** Visits in chronological order. */
    public List<Visit> visits() {
        return visits;
    }

    public Optional<Visit> visit(String visitCode) {
        return visits.stream().filter(v -> v.code().equals(visitCode)).findFirst();
    }

    /**
     * The baseline visit: the first of the schedule (ESK-TRD: T0), taken on or before the first dose. How an instant
     * is placed in it or in the other visits is {@link StudyClock}'s one rule.
     */
    public Visit baselineVisit() {
        return visits.get(0);
    }

    /** The study day of {@code date} (ADaM: first dose = day 1, no day 0); see {@link StudyDays}. */
    public static int studyDay(LocalDate firstDoseDate, LocalDate date) {
        return StudyDays.of(firstDoseDate, date);
    }

    /** The visit whose window contains the study day, if any (windows never overlap). */
    public Optional<Visit> nominalVisit(int studyDay) {
        StudyDays.requireValid(studyDay);
        return visits.stream().filter(v -> v.window().contains(studyDay)).findFirst();
    }

    public VisitWindow window(String visitCode) {
        return requireVisit(visitCode).window();
    }

    /**
     * Whether a study day lies in a visit's window, by the day alone. Whether a form is in its window also depends on
     * the time of day against the first dose (a form on day 1 after the dose is not a baseline form): use
     * {@link StudyClock#inWindow}.
     */
    public boolean isInWindow(String visitCode, int studyDay) {
        return requireVisit(visitCode).window().contains(studyDay);
    }

    public boolean isInstrumentScheduled(String visitCode, String instrumentCode) {
        return requireVisit(visitCode).schedules(instrumentCode);
    }

    /** Instruments completed at every dosing session rather than at visits (ESK-TRD: CADSS). */
    public SortedSet<String> dosingSessionInstruments() {
        return dosingSessionInstruments;
    }

    public boolean isScheduledAtDosingSession(String instrumentCode) {
        return dosingSessionInstruments.contains(instrumentCode);
    }

    /** The catalogue version of each instrument this protocol uses, by instrument code. */
    public SortedMap<String, InstrumentRef> instruments() {
        return instruments;
    }

    /** The catalogue version this protocol uses for an instrument, e.g. {@code MADRS → MADRS/1}. */
    public Optional<InstrumentRef> instrument(String instrumentCode) {
        return Optional.ofNullable(instruments.get(instrumentCode));
    }

    public DosingRules dosing() {
        return dosing;
    }

    public EfficacyCriteria efficacy() {
        return efficacy;
    }

    private Visit requireVisit(String visitCode) {
        return visit(visitCode).orElseThrow(() -> new IllegalArgumentException("protocol " + this
                + " has no visit " + visitCode + " (visits: " + visits.stream().map(Visit::code).toList() + ")"));
    }

    @Override
    public String toString() {
        return studyId + "/" + version;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static final class EskTrd {
        static final Protocol PROTOCOL = load("ESK-TRD", "1");
    }

    /** Validates the whole file before anything is built, collecting every problem. */
    private static final class Checker {
        private final ProtocolFile file;
        private final List<Problem> problems = new ArrayList<>();

        Checker(ProtocolFile file) {
            this.file = file;
        }

        Protocol build() {
            if (file.format() == null || file.format() != FORMAT) {
                problem("format", "must be " + FORMAT + ", got " + file.format());
            }
            if (file.study() == null || !STUDY_ID.matcher(file.study()).matches()) {
                problem("study", "must be upper-case letters, digits or - (e.g. ESK-TRD), got " + file.study());
            }
            if (file.version() == null || !VERSION.matcher(file.version()).matches()) {
                problem("version", "must be numeric (e.g. 1 or 1.1), got " + file.version());
            }
            required("title", file.title());
            required("source", file.source());
            SortedMap<String, InstrumentRef> instruments = instruments();
            List<Visit> visits = visits(instruments);
            if (file.dosingSessionInstruments() == null) {
                problem("dosing_session_instruments", "is required (may be empty)");
            } else {
                for (String code : file.dosingSessionInstruments()) {
                    if (!instruments.containsKey(code)) {
                        problem("dosing_session_instruments", code + " is not listed in instruments");
                    }
                }
            }
            checkDosing();
            checkEfficacy();
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return new Protocol(file, instruments, visits);
        }

        private SortedMap<String, InstrumentRef> instruments() {
            SortedMap<String, InstrumentRef> refs = new TreeMap<>();
            if (file.instruments() == null || file.instruments().isEmpty()) {
                problem("instruments", "must map each instrument code to its catalogue version");
                return refs;
            }
            file.instruments().forEach((code, version) -> {
                try {
                    refs.put(code, new InstrumentRef(code, version));
                } catch (IllegalArgumentException | NullPointerException e) {
                    problem("instruments." + code, e.getMessage());
                }
            });
            return refs;
        }

        private List<Visit> visits(Map<String, InstrumentRef> instruments) {
            List<Visit> visits = new ArrayList<>();
            if (file.visits() == null || file.visits().isEmpty()) {
                problem("visits", "must list at least one visit");
                return visits;
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            Visit previous = null;
            for (int i = 0; i < file.visits().size(); i++) {
                String path = "visits[" + i + "]";
                VisitFile v = file.visits().get(i);
                if (v == null) {
                    problem(path, "is empty");
                    continue;
                }
                if (v.code() == null || !VISIT_CODE.matcher(v.code()).matches()) {
                    problem(path + ".code", "must be upper-case letters, digits or _ (e.g. M1), got " + v.code());
                } else if (seen.putIfAbsent(v.code(), i) != null) {
                    problem(path + ".code", v.code() + " is already visits[" + seen.get(v.code()) + "]");
                }
                required(path + ".label", v.label());
                for (String code : v.instruments() == null ? List.<String>of() : v.instruments()) {
                    if (!instruments.containsKey(code)) {
                        problem(path + ".instruments", code + " is not listed in instruments");
                    }
                }
                if (v.instruments() == null) {
                    problem(path + ".instruments", "is required (may be empty)");
                }
                VisitWindow window = window(path, v);
                if (window == null || v.code() == null) {
                    previous = null;
                    continue;
                }
                Visit visit = new Visit(v.code(), v.label(), v.targetDay(), window,
                        new TreeSet<>(v.instruments() == null ? List.of() : v.instruments()));
                // Chronological, non-overlapping windows make the nominal visit of a day unique.
                if (previous != null && (previous.window().overlaps(window) || previous.targetDay() >= v.targetDay())) {
                    problem(path + ".window", visit.code() + " " + window + " must come after "
                            + previous.code() + " " + previous.window() + " without overlapping it");
                }
                visits.add(visit);
                previous = visit;
            }
            return visits;
        }

        private VisitWindow window(String path, VisitFile v) {
            if (v.targetDay() == null || v.targetDay() == 0) {
                problem(path + ".target_day", "must be a study day (not 0: day 1 is the first dose), got " + v.targetDay());
                return null;
            }
            if (v.window() == null) {
                problem(path + ".window", "is required: {\"days_before\": n or null, \"days_after\": n or null}");
                return null;
            }
            Integer before = v.window().daysBefore();
            Integer after = v.window().daysAfter();
            if (before != null && before < 0) {
                problem(path + ".window.days_before", "must be 0 or more (null for no lower bound), got " + before);
                return null;
            }
            if (after != null && after < 0) {
                problem(path + ".window.days_after", "must be 0 or more (null for no upper bound), got " + after);
                return null;
            }
            return new VisitWindow(
                    before == null ? null : StudyDays.plus(v.targetDay(), -before),
                    after == null ? null : StudyDays.plus(v.targetDay(), after));
        }

        private void checkDosing() {
            DosingRules d = file.dosing();
            if (d == null) {
                problem("dosing", "is required");
                return;
            }
            if (d.mgPerDevice() <= 0) {
                problem("dosing.mg_per_device", "must be positive, got " + d.mgPerDevice());
            }
            if (d.allowedDosesMg().isEmpty()) {
                problem("dosing.allowed_doses_mg", "must list at least one dose");
            }
            for (Integer mg : d.allowedDosesMg()) {
                if (mg == null || mg <= 0 || (d.mgPerDevice() > 0 && mg % d.mgPerDevice() != 0)) {
                    problem("dosing.allowed_doses_mg", "must be whole numbers of devices of " + d.mgPerDevice()
                            + " mg, got " + mg);
                }
            }
            if (d.minutesBetweenDevices() < 0) {
                problem("dosing.minutes_between_devices", "must be 0 or more, got " + d.minutesBetweenDevices());
            }
            if (d.preDoseBpLimit() == null) {
                problem("dosing.pre_dose_bp_limit", "is required");
            }
            if (d.notableBpIncrease() == null) {
                problem("dosing.notable_bp_increase", "is required");
            }
            if (d.minimumMonitoringMinutes() <= 0) {
                problem("dosing.minimum_monitoring_minutes", "must be positive, got " + d.minimumMonitoringMinutes());
            }
            if (d.olderAdultAge() <= 0) {
                problem("dosing.older_adult_age", "must be positive, got " + d.olderAdultAge());
            }
            if (!d.isAllowedDose(d.olderAdultStartingDoseMg())) {
                problem("dosing.older_adult_starting_dose_mg", "must be an allowed dose, got " + d.olderAdultStartingDoseMg());
            }
            if (!d.isAllowedDose(d.day1DoseMg())) {
                problem("dosing.day1_dose_mg", "must be an allowed dose, got " + d.day1DoseMg());
            }
        }

        private void checkEfficacy() {
            EfficacyCriteria e = file.efficacy();
            if (e == null) {
                problem("efficacy", "is required");
                return;
            }
            required("efficacy.score", e.score());
            BigDecimal percent = e.responseMinReductionPercent();
            if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                problem("efficacy.response_min_reduction_percent", "must be above 0 and at most 100, got " + percent);
            }
            if (e.remissionMaxScore() == null || e.remissionMaxScore().signum() < 0) {
                problem("efficacy.remission_max_score", "must be 0 or more, got " + e.remissionMaxScore());
            }
        }

        private void required(String path, String value) {
            if (value == null || value.isBlank()) {
                problem(path, "is required");
            }
        }

        private void problem(String path, String message) {
            problems.add(new Problem(path, message));
        }
    }

    private record ProtocolFile(
            @JsonProperty("format") Integer format,
            @JsonProperty("study") String study,
            @JsonProperty("version") String version,
            @JsonProperty("title") String title,
            @JsonProperty("source") String source,
            @JsonProperty("instruments") Map<String, String> instruments,
            @JsonProperty("visits") List<VisitFile> visits,
            @JsonProperty("dosing_session_instruments") List<String> dosingSessionInstruments,
            @JsonProperty("dosing") DosingRules dosing,
            @JsonProperty("efficacy") EfficacyCriteria efficacy) {
    }

    private record VisitFile(
            @JsonProperty("code") String code,
            @JsonProperty("label") String label,
            @JsonProperty("target_day") Integer targetDay,
            @JsonProperty("window") WindowFile window,
            @JsonProperty("instruments") List<String> instruments) {
    }

    private record WindowFile(
            @JsonProperty("days_before") Integer daysBefore,
            @JsonProperty("days_after") Integer daysAfter) {
    }
}
