/** Who may call what at a center's service: its rule table, which docs/security.md shows. */
package org.studyledger.center.security;
