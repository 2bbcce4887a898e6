package org.studyledger.hub.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.ConsoleSecurity;
import org.studyledger.hub.console.Shown;
import org.studyledger.hub.export.DatasetController;
import org.studyledger.hub.dataset.Datasets;
import org.studyledger.hub.asof.AsOfReads;

/**
 * Downloads of the analysis datasets in each format, from a signed-in session (a browser has no bearer token): the
 * dataset controller writes them, with their ledger position and content hash in the headers as at the API; the page
 * names the ledger position they are cut at.
 */
@Controller
@Conditional(ConsoleConfigured.class)
class ExportsPage {
    /** The formats of a dataset download, as the API's {@code format} parameter names them. */
    static final List<String> FORMATS = List.of("csv", "json", "dataset-json");

    private final ConsoleAccess access;
    private final DatasetController datasets;
    private final AsOfReads snapshots;

    ExportsPage(ConsoleAccess access, DatasetController datasets, AsOfReads snapshots) {
        this.access = access;
        this.datasets = datasets;
        this.snapshots = snapshots;
    }

    @GetMapping(ConsoleSecurity.HOME + "/exports")
    String exports(Model model, HttpServletRequest request) {
        access.require(Shown.DATASETS, request);
        model.addAttribute("datasets", java.util.Arrays.stream(Datasets.values())
                .map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        model.addAttribute("formats", FORMATS);
        model.addAttribute("head", snapshots.head());
        model.addAttribute("title", "Exports");
        return "console/exports";
    }

    @GetMapping(ConsoleSecurity.HOME + "/exports/{name}")
    @ResponseBody
    ResponseEntity<byte[]> download(@PathVariable("name") String name,
                                    @RequestParam(name = "format", defaultValue = "csv") String format,
                                    @RequestParam(name = "asOf", required = false) String asOf,
                                    @RequestParam(name = "position", required = false) String position,
                                    HttpServletRequest request, HttpServletResponse response) {
        access.require(Shown.DATASETS, request);
        return datasets.dataset(name, null, null, null, null, format, CohortPage.blank(asOf), CohortPage.blank(position),
                null, response);
    }
}
