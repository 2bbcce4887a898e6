/**
 * The local platform's OpenID Connect issuer: Spring Authorization Server in the platform's JVM, on its own port, with
 * demo accounts for every role of every center and of the hub (each a browser user and a client-credentials client),
 * the cohort loader's clients and the web console's public client (authorization code with PKCE). Its signing key
 * and the accounts' secrets are made at the first start and kept in the data directory.
 */
package org.studyledger.local.issuer;
