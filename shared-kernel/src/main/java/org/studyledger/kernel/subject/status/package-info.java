/** Where a subject stands in the study, derived from the subject's events: the one status rule of every service. */
package org.studyledger.kernel.subject.status;
