/**
 * Who may act in StudyLedger: the roles a person or client holds in the study, as the identity provider's tokens
 * name them. Each service's rule table (which role may call which endpoint) is built from these names.
 */
package org.studyledger.kernel.access;
