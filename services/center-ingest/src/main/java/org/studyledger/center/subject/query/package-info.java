/** What the center can tell about a subject: state and history read from its event store. */
package org.studyledger.center.subject.query;
