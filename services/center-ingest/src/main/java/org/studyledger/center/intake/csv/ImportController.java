package org.studyledger.center.intake.csv;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
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
import org.studyledger.center.intake.BoundedBodies;
import org.studyledger.center.intake.IntakeProperties;
import org.studyledger.support.actor.RequestActor;
import org.studyledger.support.problem.ProblemResponses;
import org.studyledger.kernel.validation.Problem;
import org.studyledger.kernel.validation.Text;
import org.studyledger.kernel.validation.ValidationException;

/** {@code POST /api/v1/imports?kind=…[&dryRun=true]} with a {@code text/csv} body. */
@RestController
public class ImportController {
    public static final String FILE_NAME_HEADER = "X-File-Name";
    /** The import record keeps the name in a column of this width. */
    static final int MAX_FILE_NAME_LENGTH = 255;

    private final CsvImports imports;
    private final IntakeProperties limits;

    ImportController(CsvImports imports, IntakeProperties limits) {
        this.imports = imports;
        this.limits = limits;
    }

    @PostMapping(path = "/api/v1/imports", consumes = {"text/csv", "text/plain"})
    public ResponseEntity<Object> importCsv(@RequestParam("kind") String kind,
                                            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                                            @RequestBody(required = false) InputStreamResource body,
                                            @RequestHeader HttpHeaders headers) throws IOException {
        CsvLayout layout = CsvLayout.of(kind).orElseThrow(() -> new ValidationException(
                new Problem("kind", "unknown record kind '" + Text.quotable(kind) + "'; one of " + CsvLayout.kinds())));
        var actor = RequestActor.current();
        String fileName = fileName(headers.getFirst(FILE_NAME_HEADER));
        // An empty body is an empty file (reported as such at line 1), not a malformed request.
        byte[] content = body == null ? new byte[0]
                : BoundedBodies.read(body.getInputStream(), limits.maxFileSize().toBytes(),
                        "studyledger.center.intake.max-file-size");
        CsvImportResult result = imports.importFile(layout, content, fileName, actor, dryRun);
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

    private static String fileName(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() > MAX_FILE_NAME_LENGTH) {
            throw new ValidationException(new Problem(FILE_NAME_HEADER, "must be at most " + MAX_FILE_NAME_LENGTH
                    + " characters"));
        }
        Text.problem(name).ifPresent(p -> {
            throw new ValidationException(new Problem(FILE_NAME_HEADER, p));
        });
        return name;
    }
}
