/** The outbox: publishing the center's events, in order and without loss, to its Kafka topic. */
package org.studyledger.center.publication;
