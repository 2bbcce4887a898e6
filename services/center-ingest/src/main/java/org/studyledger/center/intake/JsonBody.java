package org.studyledger.center.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.studyledger.kernel.validation.Problem;

/**
 * A JSON request body as the intake read it: the values it could accept, and the problems of the values it could
 * not (text the platform does not record, numbers out of any range, repeated members), each at its field path. The
 * problems are reported with the request's other problems, so one refusal names them all.
 */
@Schema(type = "object", description = "The request's JSON object; its fields are described in docs/api.md")
public record JsonBody(JsonNode tree, List<Problem> problems) {
    public JsonBody {
        problems = List.copyOf(problems);
    }
}
