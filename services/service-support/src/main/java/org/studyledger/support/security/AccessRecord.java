package org.studyledger.support.security;

import java.time.Instant;

/**
 * One answered request to an endpoint whose calls are logged: who, in which role, what they asked, what they got.
 *
 * @param at             when the request arrived
 * @param userId         the caller's id (the token's subject)
 * @param userName       the caller's display name, or null
 * @param role           the role the request was allowed in; null when it was refused
 * @param client         the OAuth2 client the token was issued to, or null
 * @param method         the HTTP method
 * @param path           the path
 * @param query          the query string as sent, or null
 * @param status         the answer's status
 * @param ledgerPosition the answer's {@code X-Ledger-Position}, or null
 * @param contentSha256  the answer's {@code X-Content-SHA256}, or null
 */
public record AccessRecord(Instant at, String userId, String userName, String role, String client, String method,
                           String path, String query, int status, String ledgerPosition, String contentSha256) {
}
