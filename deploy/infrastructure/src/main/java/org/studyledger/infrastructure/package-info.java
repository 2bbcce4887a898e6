/** Real PostgreSQL and Kafka for tests and for the local platform: what the embedded servers share. */
package org.studyledger.infrastructure;
