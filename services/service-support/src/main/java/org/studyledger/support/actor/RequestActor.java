package org.studyledger.support.actor;

import java.util.ArrayList;
import java.util.List;
import org.studyledger.kernel.envelope.Actor;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/**
 * Who is making a request. Authentication happens in front of the service (the center's identity
 * provider or gateway), which passes the authenticated staff id and role in these headers; every event
 * a center records, and every decision taken at the hub (such as dismissing a quarantined message), is
 * attributed to them. The id and role must be what the kernel's {@link Actor} accepts.
 */
public final class RequestActor {
    public static final String ID_HEADER = "X-Actor-Id";
    public static final String ROLE_HEADER = "X-Actor-Role";

    private RequestActor() {
    }

    public static Actor from(org.springframework.http.HttpHeaders headers) {
        return from(headers.getFirst(ID_HEADER), headers.getFirst(ROLE_HEADER));
    }

    public static Actor from(String id, String role) {
        List<Problem> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add(new Problem(ID_HEADER, "header is required: the authenticated staff id"));
        }
        if (role == null || role.isBlank()) {
            problems.add(new Problem(ROLE_HEADER, "header is required: the role the staff member acts in (e.g. rater)"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        // Each header is checked on its own (with a valid stand-in for the other), so a problem names its header.
        check(() -> new Actor(id, "system"), ID_HEADER, problems);
        check(() -> new Actor("system", role), ROLE_HEADER, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Actor(id, role);
    }

    private static void check(Runnable construct, String header, List<Problem> problems) {
        try {
            construct.run();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(header, e.getMessage()));
        }
    }
}
