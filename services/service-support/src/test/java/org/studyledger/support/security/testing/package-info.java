/**
 * What the services' tests share about callers: the default caller whose token every TestRestTemplate request carries
 * unless it brings its own {@code Authorization} header.
 */
package org.studyledger.support.security.testing;
