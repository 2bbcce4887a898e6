package org.studyledger.center.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.event.StudyEvent;

/**
 * The aggregate folds every event type, each in one handler. Axon skips an event no handler takes without a word, and
 * every handler advances the hash chain: an event type left out would leave the next event chained to a stale hash.
 */
class SubjectEventSourcingTest {

    @Test
    void everyEventTypeHasOneEventSourcingHandlerAndStudyEventAsAWholeNone() {
        List<Class<?>> handled = new ArrayList<>();
        for (Method m : Subject.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(EventSourcingHandler.class)) {
                handled.add(m.getParameterTypes()[0]);
            }
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(Arrays.asList(StudyEvent.class.getPermittedSubclasses()));
    }
}
