package org.studyledger.hub.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.api.QueryParameters;
import org.studyledger.hub.api.Table;
import org.studyledger.hub.api.TableResponses;
import org.studyledger.hub.api.Tables;

/**
 * {@code GET /api/v1/datasets/{adsl|adqs|adex}}: the analysis dataset as JSON (an array of rows, every
 * variable present, in the documented order) or CSV ({@code ?format=csv} or {@code Accept: text/csv}),
 * optionally filtered by {@code center}, {@code subject} and (ADQS) {@code paramcd}.
 */
@RestController
public class DatasetController {
    private final JdbcTemplate jdbc;

    DatasetController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/datasets/{name}")
    public ResponseEntity<byte[]> dataset(@PathVariable("name") String name,
                                          @RequestParam(name = "center", required = false) String center,
                                          @RequestParam(name = "subject", required = false) String subject,
                                          @RequestParam(name = "paramcd", required = false) String paramcd,
                                          @RequestParam(name = "format", required = false) String format,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Datasets dataset = Datasets.byName(name).orElseThrow(() -> new NotFound("dataset",
                "there is no dataset '" + name + "'; the datasets are adsl, adqs and adex"));
        QueryParameters p = new QueryParameters();
        String siteid = p.center("center", center);
        String usubjid = p.subject("subject", subject);
        String param = null;
        if (paramcd != null && !paramcd.isBlank()) {
            if (dataset != Datasets.ADQS) {
                p.problem("paramcd", "applies to adqs only");
            } else {
                param = p.oneOf("paramcd", paramcd, Arrays.stream(Parameter.values()).map(Parameter::paramcd).toList());
            }
        }
        TableResponses.Format f = TableResponses.negotiate(format, accept, p);
        p.check();
        return TableResponses.render(query(dataset, siteid, usubjid, param), f, dataset.table());
    }

    Table query(Datasets dataset, String siteid, String usubjid, String paramcd) {
        StringBuilder sql = new StringBuilder("SELECT ").append(Tables.sqlColumns(dataset.variables()))
                .append(" FROM ").append(dataset.table()).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (siteid != null) {
            sql.append(" AND siteid = ?");
            args.add(siteid);
        }
        if (usubjid != null) {
            sql.append(" AND usubjid = ?");
            args.add(usubjid);
        }
        if (paramcd != null) {
            sql.append(" AND paramcd = ?");
            args.add(paramcd);
        }
        sql.append(" ORDER BY ").append(dataset.orderBy());
        int n = dataset.variables().size();
        List<Object[]> rows = jdbc.query(sql.toString(), (rs, i) -> Tables.values(rs, n), args.toArray());
        return new Table(dataset.variables(), rows);
    }
}
