/** Identifiers of a study and of the centers that take part in it. */
package org.studyledger.kernel.study;
