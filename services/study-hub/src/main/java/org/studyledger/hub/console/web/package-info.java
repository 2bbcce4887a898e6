/**
 * The console's pages: each reads through the hub's own controllers and services (the answers the API gives), after
 * the gate ({@code ConsoleAccess}) let the signed-in person see them.
 */
package org.studyledger.hub.console.web;
