/** The events of a subject's life in the study, from enrolment to follow-up: immutable, past tense, revisioned. */
package org.studyledger.kernel.subject.event;
