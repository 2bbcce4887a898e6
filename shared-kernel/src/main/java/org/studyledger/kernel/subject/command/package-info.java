/** Commands that center staff give about a subject; each is validated by the Subject aggregate. */
package org.studyledger.kernel.subject.command;
