/** The analysis datasets answered over HTTP in every format (JSON, CSV, Dataset-JSON), live or as of a ledger position. */
package org.studyledger.hub.export;
