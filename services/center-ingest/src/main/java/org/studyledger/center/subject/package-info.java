/** The Subject aggregate: every rule about what may be recorded for a subject, and the envelope of each event. */
package org.studyledger.center.subject;
