package org.studyledger.cohort.model;

import java.util.ArrayList;
import java.util.List;
import org.studyledger.cohort.plan.SubjectProfile.Disposition;

/** The special cases a subject carries, assigned across the cohort before its timeline is drawn. */
final class Roles {
    Disposition disposition = Disposition.COMPLETED;
    /** 1-based index of the scheduled session that is withheld for high pre-dose BP; 0 for none. */
    int withheldSession;
    /** 1-based index of the scheduled session given despite pre-dose BP above the limit; 0 for none. */
    int overrideSession;
    /** A visit recorded outside its window, or null. */
    String outOfWindowVisit;
    /** Whether one of the subject's forms is entered in error, retracted and entered again. */
    boolean retraction;
    /** Forms entered with a transcription error and corrected later: visit and instrument. */
    final List<String[]> corrections = new ArrayList<>();
    /** 1-based indices of scheduled sessions with a notable BP rise after the dose. */
    final java.util.Set<Integer> notableRiseSessions = new java.util.TreeSet<>();
    /** Whether the subject has a serious adverse event. */
    boolean seriousAdverseEvent;
}
