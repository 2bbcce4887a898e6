/** CSV import: one documented layout per record kind, validated whole, applied all or nothing, never twice. */
package org.studyledger.center.intake.csv;
