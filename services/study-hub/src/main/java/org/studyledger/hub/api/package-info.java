/**
 * What the hub's API shares: RFC 7807 problem details for every refusal, JSON/CSV rendering of tables, and who the
 * caller is ({@link org.studyledger.hub.api.RequestActors}).
 */
package org.studyledger.hub.api;
