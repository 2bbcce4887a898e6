/** How center staff get data in: REST and CSV import, idempotent writes, problem details for every refusal. */
package org.studyledger.center.intake;
