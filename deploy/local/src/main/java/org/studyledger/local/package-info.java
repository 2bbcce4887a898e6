/**
 * The local platform: embedded infrastructure, every service in one JVM, one key directory the centers sign from
 * and the hub verifies with, the synthetic cohort, a summary.
 */
package org.studyledger.local;
