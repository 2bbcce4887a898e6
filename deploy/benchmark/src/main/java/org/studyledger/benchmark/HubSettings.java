package org.studyledger.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.studyledger.benchmark.load.SyntheticCohort;

/**
 * What the hub JVM is started with: passed on its command line by the benchmark ({@link #toArgs()}) and read back by
 * {@link HubProcess} ({@link #parse}).
 *
 * @param mode        {@link Mode#LOAD}: load the cohort into the (empty) database and exit; {@link Mode#SERVE}: serve
 *                    the hub's API until told to stop
 * @param jdbcUrl     the hub's database
 * @param user        its user
 * @param password    its password (empty for none)
 * @param log         the hub's log file
 * @param cohort      the cohort to load
 * @param loadThreads worker threads generating the cohort while the loader writes
 * @param loadCenters load at most this many more centers (0: all of them)
 * @param sign        the loader signs every event with its center's key (a new key per center)
 * @param keys        the registered keys' directory ({@code studyledger.hub.signing.keys-directory}): the loader puts
 *                    each center's public key record there, the hub reads them
 * @param properties  further hub settings, {@code key=value}, over the hub's own configuration
 */
record HubSettings(Mode mode, String jdbcUrl, String user, String password, Path log, SyntheticCohort cohort,
                   int loadThreads, int loadCenters, boolean sign, Path keys, List<String> properties) {

    /** The fixed arguments before the properties. */
    private static final int FIXED = 12;

    HubSettings {
        properties = List.copyOf(properties);
    }

    enum Mode { LOAD, SERVE }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add(mode.name());
        args.add(jdbcUrl);
        args.add(user);
        // an empty argument survives the command line; the password is the database's, on a machine-local process
        args.add(password == null ? "" : password);
        args.add(log.toString());
        args.add(Long.toString(cohort.seed()));
        args.add(Integer.toString(cohort.subjects()));
        args.add(Integer.toString(cohort.subjectsPerCenter()));
        args.add(Integer.toString(loadThreads));
        args.add(Integer.toString(loadCenters));
        args.add(Boolean.toString(sign));
        args.add(keys.toString());
        args.addAll(properties);
        return args;
    }

    static HubSettings parse(List<String> args) {
        if (args.size() < FIXED) {
            throw new IllegalArgumentException("the hub process needs at least " + FIXED + " arguments, got " + args);
        }
        return new HubSettings(Mode.valueOf(args.get(0)), args.get(1), args.get(2), args.get(3), Path.of(args.get(4)),
                new SyntheticCohort(Long.parseLong(args.get(5)), Integer.parseInt(args.get(6)), Integer.parseInt(args.get(7))),
                Integer.parseInt(args.get(8)), Integer.parseInt(args.get(9)), Boolean.parseBoolean(args.get(10)),
                Path.of(args.get(11)),
                args.subList(FIXED, args.size()));
    }
}
