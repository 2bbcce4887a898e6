package org.studyledger.cohort.load;

import org.studyledger.cohort.plan.PlannedRequest;

/** A center refused a request (4xx), or a transient failure outlasted the retries. Nothing after it was sent. */
public class LoadFailedException extends RuntimeException {
    private final transient PlannedRequest request;
    private final int status;
    private final String responseBody;

    public LoadFailedException(PlannedRequest request, int status, String responseBody, String message, Throwable cause) {
        super(message, cause);
        this.request = request;
        this.status = status;
        this.responseBody = responseBody;
    }

    /** The request that failed. */
    public PlannedRequest request() {
        return request;
    }

    /** The HTTP status of the last answer, or 0 when there was none (connection failure). */
    public int status() {
        return status;
    }

    /** The last answer's body (problem details for a refusal), or null. */
    public String responseBody() {
        return responseBody;
    }
}
