/** The study protocol as versioned data: visits and their windows, the instrument schedule, dosing and efficacy rules. */
package org.studyledger.kernel.protocol;
