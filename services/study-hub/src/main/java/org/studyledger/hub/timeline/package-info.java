/** Subject timelines: every ledger event of a subject in order, in readable form (projection "timeline") and its query. */
package org.studyledger.hub.timeline;
