/** Problems found in an input, each with a field path, reported all at once. */
package org.studyledger.kernel.validation;
