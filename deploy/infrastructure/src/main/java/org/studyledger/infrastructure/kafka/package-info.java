/** Real Kafka brokers (in-JVM KRaft, external, Testcontainers) behind one small endpoint interface. */
package org.studyledger.infrastructure.kafka;
