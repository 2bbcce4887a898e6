package org.studyledger.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.studyledger.cohort.load.ClientCredentials;

/**
 * The web console in a real browser (Debian's headless Chromium through chromedriver) against the whole local
 * platform with the synthetic cohort: each demo user signs in through the issuer's login form (authorization code
 * with PKCE), opens the pages their role may see and is refused the others; what the pages show equals what the API
 * answers. Each page's screenshot is saved under target/console-screenshots (and, with
 * {@code -Dstudyledger.docs.write=true}, copied to docs/console/). Skipped when no Chromium or chromedriver is installed.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("studyledger.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("studyledger.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path DOCS = Path.of("..", "..", "docs", "console");
    static final Path LOAD_TIMES = Path.of("target", "console-load-times.md");
    static final Path CONSOLE_DOC = Path.of("..", "..", "docs", "console.md");
    static final String LOAD_TIMES_START = "<!-- load times: written by ConsoleBrowserTest, do not edit -->";
    static final String LOAD_TIMES_END = "<!-- end of load times -->";
    /** One row per page opened, in the order the tests open them: measured, never asserted. */
    static final List<String> loadTimes = java.util.Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path data;
    static LocalPlatform platform;
    static String output;
    static HubClient api;

    ChromeDriver browser;
    /** The signed-in person's role(s), as the page header names them. */
    String role = "–";

    @BeforeAll
    static void startThePlatform() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the console's browser tests need"
                + " Chromium and chromedriver (apt-get install chromium chromium-driver): not found at " + CHROMIUM
                + " and " + CHROMEDRIVER);
        LocalPlatformSmokeTest.Ports ports = LocalPlatformSmokeTest.Ports.free();
        PlatformOptions options = PlatformOptions.parse(new String[] {"--data-dir", data.toString(), "--centers",
                "PAV,MIL,ROM", "--subjects", "36", "--hub-port", String.valueOf(ports.hub()), "--center-port",
                String.valueOf(ports.center()), "--postgres-port", String.valueOf(ports.postgres()), "--kafka-port",
                String.valueOf(ports.kafka()), "--issuer-port", String.valueOf(ports.issuer())}, Map.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        platform = LocalPlatform.start(options, out);
        Main.run(platform, out);
        output = printed.toString(StandardCharsets.UTF_8);
        api = platform.client();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopThePlatform() throws IOException {
        if (platform != null) {
            platform.close();
        }
        writeTheLoadTimes();
    }

    /**
     * The pages' load times, as the browser measured them, to target/console-load-times.md and, with
     * {@code -Dstudyledger.docs.write=true}, between the markers of docs/console.md's "Load times". A table, not an
     * assertion: on a shared build machine a time limit would fail for the machine's load, not the console's.
     */
    static void writeTheLoadTimes() throws IOException {
        if (loadTimes.isEmpty()) {
            return;
        }
        String[] loadAverage = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
        StringBuilder table = new StringBuilder();
        table.append("Measured on ").append(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .append(" by `ConsoleBrowserTest`: 36 subjects, headless Chromium on the machine that runs the platform,")
                .append(" load average ").append(String.join(" ", java.util.Arrays.copyOf(loadAverage, 3)))
                .append(" (/proc/loadavg at the end of the run). Milliseconds from the start of each navigation;")
                .append(" *chart drawn* is when the cohort page's ECharts chart was drawn.\n\n")
                .append("| page | role | ms to first byte | DOM ready | load | chart drawn |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        synchronized (loadTimes) {
            loadTimes.forEach(row -> table.append(row).append('\n'));
        }
        Files.createDirectories(LOAD_TIMES.toAbsolutePath().getParent());
        Files.writeString(LOAD_TIMES, "# Console load times\n\n" + table);
        if (Boolean.getBoolean("studyledger.docs.write")) {
            String doc = Files.readString(CONSOLE_DOC);
            int start = doc.indexOf(LOAD_TIMES_START);
            int end = doc.indexOf(LOAD_TIMES_END);
            if (start < 0 || end < start) {
                throw new IllegalStateException(CONSOLE_DOC + " lacks the load times' markers " + LOAD_TIMES_START
                        + " and " + LOAD_TIMES_END);
            }
            Files.writeString(CONSOLE_DOC, doc.substring(0, start + LOAD_TIMES_START.length()) + "\n" + table
                    + doc.substring(end));
        }
    }

    @BeforeEach
    void openABrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // As the machine's probe runs it: no sandbox as root, and no background connections a closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                "--window-size=1366,900");
        // A driver service of its own: quitting a browser stops its service.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        // Generous: a build machine shared with other builds can be slow; the pages themselves answer in well under 1 s.
        browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePlatformPrintsTheConsoleAndADemoLoginForEachRole() {
        assertThat(output).contains("The web console: " + platform.consoleUrl());
        for (String user : IssuerGuide.CONSOLE_USERS) {
            assertThat(output).containsPattern("(?m)^  " + user + " +\\S+ +password " + platform.issuer().secret(user) + "$");
        }
    }

    @Test
    void anAnalystSeesTheOverviewSubjectsASubjectAndTheCohortWithTheApisNumbersButNotTheAudit() throws IOException {
        signIn("hub-analyst");
        assertThat(text("signed-in-roles")).isEqualTo("analyst");
        JsonNode subjects = api.get(platform.hubUrl() + "/api/v1/subjects");
        assertThat(text("subject-count")).isEqualTo(String.valueOf(subjects.size()));
        assertThat(browser.findElements(By.id("ledger-events"))).as("the ledger's status is not the analysts'").isEmpty();
        assertThat(navigation()).contains("Subjects", "Cohort", "Exports").doesNotContain("Audit trail", "Quarantine");
        fitsTheScreen();
        screenshot("overview-analyst");

        open("/console/subjects");
        assertThat(browser.findElements(By.cssSelector("#subjects tbody tr"))).hasSize(subjects.size());
        fitsTheScreen();
        screenshot("subjects");
        open("/console/subjects?q=PAV&sort=madrs&desc=true");
        List<WebElement> pav = browser.findElements(By.cssSelector("#subjects tbody tr td:first-child"));
        assertThat(pav).isNotEmpty().allMatch(td -> td.getText().startsWith("PAV-"));
        // picking a point in time keeps the search and the sort
        long head = api.get(platform.hubUrl() + "/api/v1/ledger/status").path("last_position").asLong();
        showAsOf(head);
        assertThat(browser.getCurrentUrl()).contains("q=PAV", "sort=madrs", "desc=true", "position=" + head);
        assertThat(browser.findElement(By.id("search")).getAttribute("value")).isEqualTo("PAV");
        assertThat(browser.findElements(By.cssSelector("#subjects tbody tr td:first-child")))
                .hasSize(pav.size()).allMatch(td -> td.getText().startsWith("PAV-"));
        assertThat(browser.findElement(By.cssSelector("#subjects th[aria-sort=descending]")).getText()).isEqualTo("Latest MADRS");

        String corrected = subjectWith("AssessmentCorrected");
        JsonNode correction = null;
        for (JsonNode e : api.get(platform.hubUrl() + "/api/v1/subjects/" + corrected + "/timeline")) {
            if (e.path("event_type").asText().equals("AssessmentCorrected") && e.path("details").path("changes").size() > 0) {
                correction = e;
            }
        }
        assertThat(correction).as("a correction with changes on %s's timeline", corrected).isNotNull();
        open("/console/subjects/" + corrected);
        assertThat(text("subject-id")).isEqualTo(corrected);
        JsonNode change = correction.path("details").path("changes").get(0);
        String shown = browser.findElement(By.cssSelector("#timeline tr.AssessmentCorrected")).getText();
        assertThat(shown).as("the correction as old → new with its reason")
                .contains(change.path("field").asText() + ": " + plain(change.path("old")) + " → " + plain(change.path("new")))
                .contains("Reason: " + correction.path("details").path("payload").path("reason").asText());
        assertThat(browser.findElements(By.cssSelector("#schedule tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
        fitsTheScreen();
        screenshot("subject");

        String retracted = subjectWith("AssessmentRetracted");
        if (retracted != null) {
            open("/console/subjects/" + retracted);
            assertThat(browser.findElements(By.cssSelector("#timeline tr.AssessmentRecorded del")))
                    .as("the retracted form struck through").isNotEmpty();
        }

        open("/console/cohort");
        JsonNode cohort = api.get(platform.hubUrl() + "/api/v1/cohort/summary");
        assertTheCohortTableIs(cohort);
        assertThat(browser.findElement(By.id("madrs-chart")).getAttribute("aria-label")).contains("MADRS");
        assertThat(browser.findElements(By.cssSelector("#madrs-chart svg"))).as("the chart is drawn").isNotEmpty();
        fitsTheScreen();
        screenshot("cohort");

        open("/console/exports");
        assertThat(browser.findElements(By.cssSelector("#exports a"))).hasSizeGreaterThanOrEqualTo(9);
        screenshot("exports");

        open("/console/audit");
        assertThat(text("problem")).contains("analyst").contains("may not see the audit trail");
        screenshot("refused");
        open("/console/quarantine");
        assertThat(text("problem")).contains("may not see the quarantine");

        JsonNode log = auditorClient().get(platform.hubUrl() + "/api/v1/access-log?path=/console/subjects&role=analyst");
        assertThat(log).as("the analyst's console reads are in the access log").isNotEmpty();
    }

    @Test
    void asOfAPositionTheCohortPageShowsTheEarlierNumbersAndSaysSo() {
        signIn("hub-analyst");
        long head = api.get(platform.hubUrl() + "/api/v1/ledger/status").path("last_position").asLong();
        long earlier = head / 3;
        open("/console/cohort?position=" + earlier);
        assertThat(text("as-of-position")).isEqualTo(String.valueOf(earlier));
        assertThat(text("as-of-banner")).contains("this is how it was then, not now");
        JsonNode then = api.get(platform.hubUrl() + "/api/v1/cohort/summary?position=" + earlier);
        assertTheCohortTableIs(then);
        assertThat(then).isNotEqualTo(api.get(platform.hubUrl() + "/api/v1/cohort/summary"));
        screenshot("cohort-as-of");

        // the subjects as they were then: each row's visits and latest MADRS are the API's as of that position
        open("/console/subjects?position=" + earlier);
        assertThat(text("as-of-banner")).contains("this is how it was then, not now");
        JsonNode subjectsThen = api.get(platform.hubUrl() + "/api/v1/subjects?position=" + earlier);
        assertThat(subjectRows()).isEqualTo(subjectRows(subjectsThen))
                .isNotEqualTo(subjectRows(api.get(platform.hubUrl() + "/api/v1/subjects")));
        fitsTheScreen();
        screenshot("subjects-as-of");
        // a link to a subject keeps the point
        String first = browser.findElement(By.cssSelector("#subjects tbody tr td:first-child a")).getAttribute("href");
        assertThat(first).endsWith("?position=" + earlier);

        // the overview: the subjects then, said plainly
        open("/console?position=" + earlier);
        assertThat(text("as-of-position")).isEqualTo(String.valueOf(earlier));
        assertThat(text("subject-count")).isEqualTo(String.valueOf(subjectsThen.size()));

        // a subject just before its correction: the old value and no correction
        String corrected = subjectWith("AssessmentCorrected");
        JsonNode correction = null;
        for (JsonNode e : api.get(platform.hubUrl() + "/api/v1/subjects/" + corrected + "/timeline")) {
            if (correction == null && e.path("event_type").asText().equals("AssessmentCorrected")) {
                correction = e;
            }
        }
        long beforeCorrection = correction.path("position").asLong() - 1;
        open("/console/subjects/" + corrected);
        int correctedNow = count("(corrected)");
        open("/console/subjects/" + corrected + "?position=" + beforeCorrection);
        assertThat(text("as-of-position")).isEqualTo(String.valueOf(beforeCorrection));
        assertThat(text("as-of-banner")).contains("this is how it was then, not now");
        JsonNode timelineThen = api.get(platform.hubUrl() + "/api/v1/subjects/" + corrected + "/timeline?position=" + beforeCorrection);
        assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).hasSize(timelineThen.size());
        assertThat(browser.findElements(By.cssSelector("#timeline tr.AssessmentCorrected"))).as("no correction yet").isEmpty();
        assertThat(count("(corrected)")).as("the value before the correction").isLessThan(correctedNow);
        JsonNode latestThen = api.get(platform.hubUrl() + "/api/v1/subjects/" + corrected + "?position=" + beforeCorrection)
                .path("latest_madrs");
        if (latestThen.isMissingNode() || latestThen.isNull()) {
            assertThat(text("latest-madrs")).isEqualTo("–");
        } else {
            assertThat(new java.math.BigDecimal(text("latest-madrs"))).isEqualByComparingTo(latestThen.asText());
        }
        fitsTheScreen();
        screenshot("subject-as-of");
    }

    /** Subject, visits done and latest MADRS of each row of the subject list. */
    private List<String> subjectRows() {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#subjects tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            rows.add(cells.get(0).getText() + " " + cells.get(3).getText() + " " + cells.get(4).getText().split(" ")[0]);
        }
        return rows;
    }

    private static List<String> subjectRows(JsonNode subjects) {
        List<String> rows = new ArrayList<>();
        subjects.forEach(s -> rows.add(s.path("subject_id").asText() + " " + s.path("visits_done").asText() + " "
                + (s.path("latest_madrs").isMissingNode() || s.path("latest_madrs").isNull() ? "–"
                : s.path("latest_madrs").asText())));
        return rows;
    }

    /** How often {@code text} occurs on the page. */
    private int count(String text) {
        String page = browser.findElement(By.tagName("main")).getText();
        return page.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void anAuditorReadsTheAuditTrailVerifiesTheLedgerAndSeesTimelinesButNotTheAnalysis() {
        signIn("hub-auditor");
        assertThat(navigation()).contains("Audit trail", "Verification", "Quarantine").doesNotContain("Subjects", "Cohort");
        assertThat(text("ledger-events")).isEqualTo(api.get(platform.hubUrl() + "/api/v1/ledger/status").path("events").asText());
        screenshot("overview-auditor");

        open("/console/audit?type=AssessmentCorrected");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit-trail tbody tr"));
        assertThat(rows).isNotEmpty().allMatch(r -> r.getText().contains("AssessmentCorrected"));
        fitsTheScreen();
        screenshot("audit");

        // the audit trail as of an earlier position lacks the later events, and says so
        long head = api.get(platform.hubUrl() + "/api/v1/ledger/status").path("last_position").asLong();
        long earlier = head / 3;
        open("/console/audit?position=" + earlier);
        assertThat(text("as-of-banner")).contains("As of ledger position " + earlier).contains("this is how it was then, not now");
        List<WebElement> then = browser.findElements(By.cssSelector("#audit-trail tbody tr"));
        assertThat(then).isNotEmpty().allMatch(r -> Long.parseLong(r.findElement(By.tagName("td")).getText()) <= earlier);
        assertThat(then).hasSize(auditorClient().get(platform.hubUrl() + "/api/v1/audit-trail?limit=500&position=" + earlier).size());
        fitsTheScreen();
        screenshot("audit-as-of");
        // picking a point in time keeps the filters
        open("/console/audit?type=AssessmentCorrected&center=PAV&actor=&from=2000-01-01T00:00:00Z");
        showAsOf(earlier);
        assertThat(browser.getCurrentUrl()).contains("type=AssessmentCorrected", "center=PAV", "position=" + earlier)
                .doesNotContain("actor=");
        assertThat(browser.findElement(By.name("from")).getAttribute("value")).isEqualTo("2000-01-01T00:00:00Z");
        assertThat(browser.findElement(By.name("type")).getAttribute("value")).isEqualTo("AssessmentCorrected");
        assertThat(browser.findElement(By.name("center")).getAttribute("value")).isEqualTo("PAV");
        List<WebElement> filteredThen = browser.findElements(By.cssSelector("#audit-trail tbody tr"));
        assertThat(filteredThen).allMatch(r -> r.getText().contains("AssessmentCorrected"));
        assertThat(filteredThen).hasSize(auditorClient().get(platform.hubUrl()
                + "/api/v1/audit-trail?limit=500&type=AssessmentCorrected&center=PAV&position=" + earlier).size());

        open("/console/audit/verify");
        assertThat(text("verification-result")).isEqualTo("VALID");
        screenshot("verify");
        open("/console");
        assertThat(text("last-verification")).isEqualTo("valid");

        open("/console/quarantine");
        assertThat(browser.findElements(By.id("reprocess"))).as("re-processing is the hub admin's").isEmpty();
        open("/console/subjects/" + subjectWith("AssessmentCorrected"));
        assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).isNotEmpty();
        open("/console/cohort");
        assertThat(text("problem")).contains("may not see the cohort summary");
    }

    @Test
    void theHubAdminSeesTheLedgerTheProjectionsAndTheQuarantineWithItsActions() {
        signIn("hub-admin");
        JsonNode status = api.get(platform.hubUrl() + "/api/v1/ledger/status");
        assertThat(text("ledger-events")).isEqualTo(status.path("events").asText());
        assertThat(text("ledger-position")).isEqualTo(status.path("last_position").asText());
        assertThat(text("quarantined")).isEqualTo(status.path("quarantined").asText());
        assertThat(text("projections-state")).startsWith("caught up");
        assertThat(browser.findElements(By.cssSelector("#centers tbody tr"))).hasSize(3);
        fitsTheScreen();
        screenshot("overview");

        // the overview as of an earlier position: the ledger then; what has no past is said to be now's
        long earlier = status.path("last_position").asLong() / 3;
        JsonNode then = api.get(platform.hubUrl() + "/api/v1/ledger/status?position=" + earlier);
        open("/console?position=" + earlier);
        assertThat(text("as-of-banner")).contains("this is how it was then, not now");
        assertThat(text("ledger-position")).isEqualTo(then.path("last_position").asText());
        assertThat(text("ledger-events")).isEqualTo(then.path("events").asText()).isNotEqualTo(status.path("events").asText());
        assertThat(text("projections-h")).contains("now");
        fitsTheScreen();
        screenshot("overview-as-of");
        open("/console/quarantine");
        assertThat(browser.findElements(By.id("reprocess"))).hasSize(1);
        browser.findElement(By.id("reprocess")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("Re-processed:"));
        screenshot("quarantine");
        open("/console/audit");
        assertThat(text("problem")).contains("may not see the audit trail");
    }

    private void assertTheCohortTableIs(JsonNode cohort) {
        List<String> expected = new ArrayList<>();
        cohort.forEach(l -> expected.add(l.path("group").asText() + " " + l.path("avisit").asText() + " n="
                + l.path("n").asText() + " mean=" + (l.path("mean").isNull() ? "–" : l.path("mean").asText())
                + " sd=" + (l.path("sd").isNull() ? "–" : l.path("sd").asText())
                + " responders=" + l.path("responders").asText() + " remitters=" + l.path("remitters").asText()));
        List<String> shown = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#cohort-summary tbody tr"))) {
            shown.add(row.getAttribute("data-group") + " " + row.getAttribute("data-visit")
                    + " n=" + row.findElement(By.className("n")).getText()
                    + " mean=" + row.findElement(By.className("mean")).getText()
                    + " sd=" + row.findElement(By.className("sd")).getText()
                    + " responders=" + row.findElement(By.className("responders")).getText().split(" ")[0]
                    + " remitters=" + row.findElement(By.className("remitters")).getText().split(" ")[0]);
        }
        assertThat(shown).isEqualTo(expected);
    }

    /** A subject whose timeline has an event of {@code type}, by the API; null when none has. */
    private static String subjectWith(String type) {
        for (JsonNode s : api.get(platform.hubUrl() + "/api/v1/subjects")) {
            String id = s.path("subject_id").asText();
            for (JsonNode e : api.get(platform.hubUrl() + "/api/v1/subjects/" + id + "/timeline")) {
                if (e.path("event_type").asText().equals(type)) {
                    return id;
                }
            }
        }
        return null;
    }

    private static HubClient auditorClient() {
        ClientCredentials tokens = new ClientCredentials(platform.issuer().tokenEndpoint(), Map.of("hub",
                new ClientCredentials.Client("hub-auditor", platform.issuer().secret("hub-auditor"))));
        return new HubClient(url -> tokens.forCenter("hub"));
    }

    /** Signs in at the issuer's login form, as a person does; the console sends the browser there and back. */
    private void signIn(String user) {
        browser.get(platform.consoleUrl());
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> d.findElements(By.name("username")).size() > 0);
        assertThat(browser.getCurrentUrl()).as("sent to the issuer").startsWith(platform.issuer().issuer());
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(platform.issuer().secret(user));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> d.getCurrentUrl().startsWith(platform.consoleUrl())
                && d.findElements(By.id("signed-in-as")).size() > 0);
        List<WebElement> roles = browser.findElements(By.id("signed-in-roles"));
        role = roles.isEmpty() ? user : roles.get(0).getText().trim();
        timeThePage("/console (after signing in, through the issuer's redirects)");
    }

    /** Submits the page's as-of form with a ledger position, as a person picks a point in time. */
    private void showAsOf(long position) {
        WebElement form = browser.findElement(By.id("as-of-form"));
        form.findElement(By.name("position")).clear();
        form.findElement(By.name("position")).sendKeys(String.valueOf(position));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> d.findElements(By.id("as-of-position")).size() > 0
                && d.getCurrentUrl().contains("position=" + position));
    }

    private void open(String path) {
        browser.get(platform.hubUrl() + path);
        timeThePage(path);
    }

    /**
     * Notes the page's Navigation Timing (first byte, DOM ready, load) and, on the cohort page, when its chart was
     * drawn. The load event may still be running when the driver hands the page back, so its end is waited for.
     */
    private void timeThePage(String page) {
        JavascriptExecutor js = browser;
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> ((Number) js.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) js.executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                + " const chart = performance.getEntriesByName('chart-drawn')[0];"
                + " return {first: n.responseStart, ready: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
                + " chart: chart ? chart.startTime : -1};");
        double chart = ((Number) t.get("chart")).doubleValue();
        loadTimes.add("| `" + page.replace("|", "\\|") + "` | " + role + " | " + ms(t.get("first")) + " | "
                + ms(t.get("ready")) + " | " + ms(t.get("load")) + " | " + (chart < 0 ? "" : ms(chart)) + " |");
    }

    private static String ms(Object millis) {
        return String.valueOf(Math.round(((Number) millis).doubleValue()));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
    }

    /** A laptop screen (1366 px wide) shows the page without sideways scrolling. */
    private void fitsTheScreen() {
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("sideways overflow of %s", browser.getCurrentUrl()).isLessThanOrEqualTo(0);
    }

    private void screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            if (Boolean.getBoolean("studyledger.docs.write")) {
                Files.createDirectories(DOCS);
                Files.copy(file, DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not save the screenshot " + name, e);
        }
    }

    private static String plain(JsonNode value) {
        return value.isNull() ? "(none)" : value.isNumber() ? new java.math.BigDecimal(value.asText()).stripTrailingZeros()
                .toPlainString() : value.asText();
    }
}
