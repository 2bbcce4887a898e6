/** Axon's JDBC event store and token store on PostgreSQL, shared by every service that keeps events. */
package org.studyledger.support.eventstore;
