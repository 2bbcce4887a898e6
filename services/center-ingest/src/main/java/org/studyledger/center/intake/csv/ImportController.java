package org.studyledger.center.intake.csv;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.support.actor.RequestActor;
import org.studyledger.support.problem.ProblemResponses;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.ValidationException;

/** {@code POST /api/v1/imports?kind=…[&dryRun=true]} with a {@code text/csv} body. */
@RestController
public class ImportController {
    public static final String FILE_NAME_HEADER = "X-File-Name";

    private final CsvImports imports;

    ImportController(CsvImports imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/v1/imports", consumes = {"text/csv", "text/plain"})
    public ResponseEntity<Object> importCsv(@RequestParam("kind") String kind,
                                            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                                            @RequestBody(required = false) byte[] content,
                                            @RequestHeader HttpHeaders headers) {
        CsvLayout layout = CsvLayout.of(kind).orElseThrow(() -> new ValidationException(
                new Problem("kind", "unknown record kind '" + kind + "'; one of " + CsvLayout.kinds())));
        // An empty body is an empty file (reported as such at line 1), not a malformed request.
        CsvImportResult result = imports.importFile(layout, content == null ? new byte[0] : content,
                headers.getFirst(FILE_NAME_HEADER),
                RequestActor.from(headers), dryRun);
        if (!result.problems().isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, "The file has "
                    + result.problems().size() + " problem(s) in " + result.rows() + " row(s); nothing was applied");
            problem.setType(java.net.URI.create(ProblemResponses.TYPES + "invalid-file"));
            problem.setProperty("file_sha256", result.fileSha256());
            problem.setProperty("rows", result.rows());
            problem.setProperty("errors", result.problems().stream()
                    .map(p -> Map.of("line", p.line(), "field", p.field(), "message", p.message())).toList());
            return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        HttpStatus status = result.applied() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(result);
    }
}
