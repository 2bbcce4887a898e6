/** Who may call what at the hub: its rule table, which docs/security.md shows, and the access log of data reads. */
package org.studyledger.hub.security;
