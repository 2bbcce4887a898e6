/** Who makes a request to a StudyLedger service: the staff id and role its gateway passes in the actor headers. */
package org.studyledger.support.actor;
