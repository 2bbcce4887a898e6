package org.studyledger.kernel.subject;

import static org.studyledger.kernel.subject.Facts.require;

/** A blood pressure reading in mmHg. */
public record BloodPressure(int systolic, int diastolic) {
    public static final int SYSTOLIC_MIN = 50;
    public static final int SYSTOLIC_MAX = 300;
    public static final int DIASTOLIC_MIN = 20;
    public static final int DIASTOLIC_MAX = 200;

    public BloodPressure {
        require(systolic >= SYSTOLIC_MIN && systolic <= SYSTOLIC_MAX,
                "systolic must be " + SYSTOLIC_MIN + "–" + SYSTOLIC_MAX + " mmHg");
        require(diastolic >= DIASTOLIC_MIN && diastolic <= DIASTOLIC_MAX,
                "diastolic must be " + DIASTOLIC_MIN + "–" + DIASTOLIC_MAX + " mmHg");
        require(diastolic < systolic, "diastolic must be below systolic");
    }

    @Override
    public String toString() {
        return systolic + "/" + diastolic;
    }
}
