/** Real PostgreSQL servers (embedded, external, Testcontainers) behind one small endpoint interface. */
package org.studyledger.infrastructure.postgres;
