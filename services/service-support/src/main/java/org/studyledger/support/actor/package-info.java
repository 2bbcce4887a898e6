/** Who makes a request to a StudyLedger service: the access token's subject, in the role that authorised the request. */
package org.studyledger.support.actor;
