/** What every projection shares: a ledger event as a projection handler sees it (position, envelope header, payload). */
package org.studyledger.hub.projection;
