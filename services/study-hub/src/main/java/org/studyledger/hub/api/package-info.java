/** What the hub's query API shares: RFC 7807 problem details for every refusal, and JSON/CSV rendering of tables. */
package org.studyledger.hub.api;
