package org.studyledger.cohort.load;

/**
 * Where the loader's access tokens come from: one per center, for the center's intake. The loader authenticates like
 * any client of the intake; the events it records carry the token's subject as their actor.
 */
@FunctionalInterface
public interface AccessTokens {
    /** No token at all: for a test double of an intake that does not check. */
    AccessTokens NONE = center -> null;

    /** A bearer token for {@code center}'s intake, valid for at least the next request; null for none. */
    String forCenter(String center);
}
