/**
 * The centers' registered public signing keys: the directory the hub reads them from, re-read when an event names a
 * key the hub does not hold yet (so registering a key is copying its record in, without a restart), and their
 * listing. The ledger accepts, and the audit verifies, only events signed by one of them.
 */
package org.studyledger.hub.signing;
