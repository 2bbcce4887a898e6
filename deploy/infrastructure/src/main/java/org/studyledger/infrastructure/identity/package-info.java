/**
 * A minimal OpenID Connect issuer for tests and tools that call the services (the benchmark): an RSA key whose JWK
 * set and discovery document are served on the loopback interface, and access tokens signed with it. The services
 * verify them exactly as they verify the tokens of a real issuer.
 */
package org.studyledger.infrastructure.identity;
