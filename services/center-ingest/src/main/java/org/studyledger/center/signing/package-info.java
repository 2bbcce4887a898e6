/**
 * The center's signing keys: which one signs at start-up (loaded from the key directory, or generated there),
 * rotation, and the endpoints that list and rotate them. The aggregate signs through
 * {@link org.studyledger.center.subject.CenterSigner} and never sees the directory.
 */
package org.studyledger.center.signing;
