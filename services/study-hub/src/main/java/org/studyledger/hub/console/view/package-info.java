/**
 * What the console's pages show, shaped for reading: built from the same answers the API gives (a subject's timeline,
 * the cohort summary), never from tables of their own.
 */
package org.studyledger.hub.console.view;
