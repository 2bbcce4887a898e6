package org.studyledger.kernel.subject;

import static org.studyledger.kernel.subject.Facts.require;

/** A blood pressure reading in mmHg. */
public record BloodPressure(int systolic, int diastolic) {
    public BloodPressure {
        require(systolic >= 50 && systolic <= 300, "systolic must be 50–300 mmHg");
        require(diastolic >= 20 && diastolic <= 200, "diastolic must be 20–200 mmHg");
        require(diastolic < systolic, "diastolic must be below systolic");
    }

    @Override
    public String toString() {
        return systolic + "/" + diastolic;
    }
}
