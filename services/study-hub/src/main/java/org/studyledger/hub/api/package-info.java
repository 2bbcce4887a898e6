/**
 * What the hub's API shares: RFC 7807 problem details for every refusal and JSON/CSV rendering of tables. Who the
 * caller is comes from the access token ({@link org.studyledger.support.actor.RequestActor}); who may call what, from
 * the hub's rule table ({@link org.studyledger.hub.security.HubAccess}).
 */
package org.studyledger.hub.api;
