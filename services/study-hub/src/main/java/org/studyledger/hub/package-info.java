/** The study hub: the study's system of record and everything derived from it. */
package org.studyledger.hub;
