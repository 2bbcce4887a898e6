/**
 * The web console: pages served by the hub for the people of the study (data managers, auditors, analysts), signed
 * in through the study's OpenID Connect issuer and shown only what the hub's rule table lets their role read through
 * the API. This package holds its settings, its sign-in and the gate every page passes.
 */
package org.studyledger.hub.console;
