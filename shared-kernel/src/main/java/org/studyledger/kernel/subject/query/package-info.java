/** Queries about subjects. */
package org.studyledger.kernel.subject.query;
