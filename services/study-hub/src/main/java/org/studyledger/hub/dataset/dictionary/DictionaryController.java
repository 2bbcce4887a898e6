package org.studyledger.hub.dataset.dictionary;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;

/**
 * The data dictionary: {@code GET /api/v1/datasets/dictionary} (all three datasets) and
 * {@code GET /api/v1/datasets/{adsl|adqs|adex}/dictionary}. JSON (the definitions, snake_case members) or
 * CSV ({@code ?format=csv} or {@code Accept: text/csv}: one line per variable, {@link DataDictionary#CSV_COLUMNS}).
 */
@RestController
public class DictionaryController {

    @GetMapping("/api/v1/datasets/dictionary")
    public ResponseEntity<?> dictionary(@RequestParam(name = "format", required = false) String format,
                                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(DataDictionary.all(), format, accept, "dictionary");
    }

    @GetMapping("/api/v1/datasets/{name}/dictionary")
    public ResponseEntity<?> dictionary(@PathVariable("name") String name,
                                        @RequestParam(name = "format", required = false) String format,
                                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        QueryParameters p = new QueryParameters();
        TableResponses.negotiate(format, accept, p);
        // an unknown dataset is named with the request's other problems
        DatasetDefinition definition = DataDictionary.byName(name).orElseThrow(() -> new NotFound("dataset",
                "there is no dataset '" + name + "'; the datasets are adsl, adqs and adex", p.problems()));
        ResponseEntity<?> all = answer(List.of(definition), format, accept, definition.name().toLowerCase(java.util.Locale.ROOT)
                + "-dictionary");
        if (all.getBody() instanceof List<?> list) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list.get(0));
        }
        return all;
    }

    private static ResponseEntity<?> answer(List<DatasetDefinition> definitions, String format, String accept, String name) {
        QueryParameters p = new QueryParameters();
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        p.check();
        if (f == TableResponses.Format.CSV) {
            return TableResponses.render(new Table(DataDictionary.CSV_COLUMNS, DataDictionary.rows(definitions)), f, name);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(definitions);
    }
}
