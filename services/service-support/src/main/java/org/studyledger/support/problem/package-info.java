/** How every StudyLedger API refuses a request: RFC 7807 problem details naming each field at fault. */
package org.studyledger.support.problem;
