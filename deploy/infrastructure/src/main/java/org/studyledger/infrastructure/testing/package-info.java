/** JUnit 5 access to real PostgreSQL and Kafka, with a fresh database and topic namespace per test class. */
package org.studyledger.infrastructure.testing;
