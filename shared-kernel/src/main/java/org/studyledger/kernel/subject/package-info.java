/** A subject's identity and the value types its events and commands share. */
package org.studyledger.kernel.subject;
