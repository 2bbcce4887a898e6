/** Where the center's events are kept: Axon's JDBC event store and token store in PostgreSQL. */
package org.studyledger.center.eventstore;
