/** The instrument catalogue (versioned JSON definitions) and the one engine that validates and scores a completed form. */
package org.studyledger.kernel.instrument;
