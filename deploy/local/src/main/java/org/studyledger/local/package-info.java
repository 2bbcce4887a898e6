/** The local platform: embedded infrastructure, every service in one JVM, the synthetic cohort, a summary. */
package org.studyledger.local;
