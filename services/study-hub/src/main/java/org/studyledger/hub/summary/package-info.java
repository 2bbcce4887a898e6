/** Subject summaries: status, dosing, visits, baseline and latest MADRS, response and remission (projection "subject-summary") and their queries. */
package org.studyledger.hub.summary;
