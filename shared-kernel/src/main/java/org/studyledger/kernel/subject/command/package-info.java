/**
 * Commands that center staff give about a subject; each is validated by the Subject aggregate. A command is complete:
 * its compact constructor refuses a null required field, so presence is checked once, at the intake, before a command
 * exists. Each record's javadoc says which fields the protocol makes optional (nullable).
 */
package org.studyledger.kernel.subject.command;
