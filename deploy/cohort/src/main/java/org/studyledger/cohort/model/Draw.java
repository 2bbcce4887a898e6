package org.studyledger.cohort.model;

import java.util.SplittableRandom;

/** Small helpers over a seeded generator; every draw consumes the stream in a fixed order. */
final class Draw {
    private Draw() {
    }

    static double normal(SplittableRandom r, double mean, double sd) {
        return mean + sd * r.nextGaussian();
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    static int normalInt(SplittableRandom r, double mean, double sd, int min, int max) {
        return clamp((int) Math.round(normal(r, mean, sd)), min, max);
    }

    /** Uniform whole number in {@code [min, max]}. */
    static int between(SplittableRandom r, int min, int max) {
        return min + r.nextInt(max - min + 1);
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
