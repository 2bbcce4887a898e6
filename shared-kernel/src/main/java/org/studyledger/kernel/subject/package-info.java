/** A subject's identity and the events of its life in the study, from enrolment to follow-up. */
package org.studyledger.kernel.subject;
