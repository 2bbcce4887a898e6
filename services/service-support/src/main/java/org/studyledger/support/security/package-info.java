/**
 * How every StudyLedger service knows who calls it and whether they may: each service is an OAuth2 resource server
 * that accepts JWT access tokens of the study's OpenID Connect issuer for its audience, and decides every request by
 * one rule table ({@link org.studyledger.support.security.AccessRules}): which roles may call which endpoint, deny
 * by default. The actor of what a request records comes from the token, never from a header.
 */
package org.studyledger.support.security;
