package org.studyledger.local.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local issuer as its clients use it: the client-credentials grant gives each demo account a token with the
 * platform's claims; a browser user signs in with the authorization code flow and PKCE (the web console's way); the
 * signing key and secrets made at the first start are the ones a restart uses.
 */
class LocalIssuerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void clientsGetTokensWithThePlatformsClaimsAndTheKeyOutlivesARestart() throws Exception {
        int port = freePort();
        String kid;
        String secret;
        try (LocalIssuer issuer = LocalIssuer.start(port, directory, List.of("PAV", "MIL"), List.of(LocalIssuer.CONSOLE_REDIRECT))) {
            JsonNode rater = claims(clientToken(issuer, "pav-rater"));
            assertThat(rater.path("iss").asText()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(rater.path("sub").asText()).isEqualTo("pav-rater");
            assertThat(rater.path("aud").toString()).contains(Accounts.CENTER_AUDIENCE);
            assertThat(rater.path("roles").toString()).isEqualTo("[\"rater\"]");
            assertThat(rater.path("center").asText()).isEqualTo("PAV");
            assertThat(rater.path("name").asText()).isNotBlank();

            JsonNode loader = claims(clientToken(issuer, "cohort-loader-mil"));
            assertThat(loader.path("center").asText()).isEqualTo("MIL");
            assertThat(loader.path("roles").toString()).contains("investigator", "rater", "study-nurse", "data-manager");

            JsonNode auditor = claims(clientToken(issuer, "hub-auditor"));
            assertThat(auditor.path("aud").toString()).contains(Accounts.HUB_AUDIENCE);
            assertThat(auditor.path("roles").toString()).isEqualTo("[\"auditor\"]");
            assertThat(auditor.has("center")).isFalse();

            HttpResponse<String> wrong = token(issuer, "hub-auditor", "not-the-secret");
            assertThat(wrong.statusCode()).isEqualTo(401);

            kid = jwks(port);
            secret = issuer.secret("hub-auditor");
        }
        assertThat(Files.getPosixFilePermissions(directory.resolve(IssuerFiles.SIGNING_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve(IssuerFiles.SECRETS)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (LocalIssuer again = LocalIssuer.start(port, directory, List.of("PAV", "MIL"), List.of(LocalIssuer.CONSOLE_REDIRECT))) {
            assertThat(jwks(port)).as("the same signing key after a restart").isEqualTo(kid);
            assertThat(again.secret("hub-auditor")).isEqualTo(secret);
        }
    }

    @Test
    void aBrowserUserSignsInWithTheAuthorizationCodeAndPkce() throws Exception {
        int port = freePort();
        try (LocalIssuer issuer = LocalIssuer.start(port, directory, List.of("PAV"), List.of(LocalIssuer.CONSOLE_REDIRECT))) {
            String base = issuer.issuer();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String verifier = "a-code-verifier-of-the-console-that-is-long-enough-0123456789";
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String authorize = base + "/oauth2/authorize?response_type=code&client_id=" + Accounts.CONSOLE
                    + "&redirect_uri=" + enc(LocalIssuer.CONSOLE_REDIRECT) + "&scope=" + enc("openid profile")
                    + "&state=s-1&code_challenge=" + challenge + "&code_challenge_method=S256";

            HttpResponse<String> toLogin = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
            assertThat(toLogin.statusCode()).isEqualTo(302);
            assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            HttpResponse<String> form = browser.send(get(base + "/login"), HttpResponse.BodyHandlers.ofString());
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
            assertThat(csrf.find()).as("the login form: %s", form.body()).isTrue();
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=pav-investigator&password="
                            + enc(issuer.secret("pav-investigator")) + "&_csrf=" + enc(csrf.group(1)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            HttpResponse<String> back = browser.send(get(signedIn.headers().firstValue("Location").orElseThrow()),
                    HttpResponse.BodyHandlers.ofString());
            String redirect = back.headers().firstValue("Location").orElseThrow();
            assertThat(redirect).startsWith(LocalIssuer.CONSOLE_REDIRECT + "?code=").contains("state=s-1");
            String code = URI.create(redirect).getQuery().replaceAll(".*code=([^&]+).*", "$1");

            HttpResponse<String> withoutVerifier = browser.send(tokenRequest(base, "grant_type=authorization_code&code="
                    + code + "&redirect_uri=" + enc(LocalIssuer.CONSOLE_REDIRECT) + "&client_id=" + Accounts.CONSOLE),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withoutVerifier.statusCode()).as("PKCE is required").isEqualTo(400);
            HttpResponse<String> tokens = browser.send(tokenRequest(base, "grant_type=authorization_code&code=" + code
                    + "&redirect_uri=" + enc(LocalIssuer.CONSOLE_REDIRECT) + "&client_id=" + Accounts.CONSOLE
                    + "&code_verifier=" + verifier), HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(tokens.body());
            JsonNode access = claims(body.path("access_token").asText());
            assertThat(access.path("sub").asText()).isEqualTo("pav-investigator");
            assertThat(access.path("roles").toString()).isEqualTo("[\"investigator\"]");
            assertThat(access.path("center").asText()).isEqualTo("PAV");
            assertThat(access.path("aud").toString()).contains(Accounts.CENTER_AUDIENCE);
            JsonNode id = claims(body.path("id_token").asText());
            assertThat(id.path("name").asText()).isNotBlank();
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
    }

    private static HttpRequest tokenRequest(String base, String form) {
        return HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String clientToken(LocalIssuer issuer, String account) throws Exception {
        HttpResponse<String> response = token(issuer, account, issuer.secret(account));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> token(LocalIssuer issuer, String account, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((account + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(issuer.tokenEndpoint())
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String jwks(int port) throws Exception {
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(get("http://127.0.0.1:" + port
                + "/.well-known/openid-configuration"), HttpResponse.BodyHandlers.ofString());
        String jwksUri = JSON.readTree(discovery.body()).path("jwks_uri").asText();
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(get(jwksUri), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(jwks.body()).path("keys").get(0).path("kid").asText();
    }

    static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
