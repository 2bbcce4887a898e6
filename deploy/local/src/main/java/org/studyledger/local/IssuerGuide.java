package org.studyledger.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.studyledger.local.issuer.Account;
import org.studyledger.local.issuer.Accounts;
import org.studyledger.local.issuer.LocalIssuer;

/** How to get a token of the platform's issuer, printed after the summary: every service wants one (docs/security.md). */
final class IssuerGuide {
    /** A demo user of each study role, in the order the console's pages concern them. */
    static final List<String> CONSOLE_USERS = List.of("hub-analyst", "hub-auditor", "hub-data-manager", "hub-admin");

    private IssuerGuide() {
    }

    static void print(PrintStream out, LocalPlatform platform) {
        LocalIssuer issuer = platform.issuer();
        String center = platform.options().centers().get(0);
        String centerUrl = platform.centerUrls().get(center);
        String rater = center.toLowerCase() + "-rater";
        out.println();
        out.println("Every service wants an access token of the issuer " + issuer.issuer() + " (OpenID Connect).");
        out.println("  secrets  " + platform.options().issuerDirectory().resolve("secrets.properties")
                + "   (each demo account's client secret and browser password)");
        out.println("  an analyst's token, and a read of the hub with it:");
        out.println("    TOKEN=$(curl -s -u hub-analyst:" + issuer.secret("hub-analyst") + " -d grant_type=client_credentials "
                + issuer.tokenEndpoint() + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("    curl -H \"Authorization: Bearer $TOKEN\" " + platform.hubUrl() + "/api/v1/subjects");
        out.println("  an auditor:  curl -s -u hub-auditor:" + issuer.secret("hub-auditor")
                + " -d grant_type=client_credentials " + issuer.tokenEndpoint());
        out.println("  " + center + "'s rater, for " + centerUrl + ":  curl -s -u " + rater + ":" + issuer.secret(rater)
                + " -d grant_type=client_credentials " + issuer.tokenEndpoint());
        Map<String, List<String>> byAudience = issuer.accounts().all().stream().collect(Collectors.groupingBy(
                Account::audience, java.util.TreeMap::new, Collectors.mapping(Account::id, Collectors.toList())));
        out.println("  accounts for the hub:     " + String.join(", ", byAudience.getOrDefault(Accounts.HUB_AUDIENCE, List.of())));
        out.println("  accounts for the centers: " + String.join(", ", byAudience.getOrDefault(Accounts.CENTER_AUDIENCE, List.of())));
        out.println("  browser sign-in (authorization code + PKCE): client " + Accounts.CONSOLE + ", redirect "
                + LocalIssuer.consoleRedirect(platform.options().hubPort())
                + "; the accounts are the users, their secrets the passwords");
        out.println();
        out.println("The web console: " + platform.consoleUrl() + "   (docs/console.md; sign in as one of)");
        for (String user : CONSOLE_USERS) {
            out.printf("  %-17s %-16s password %s%n", user, issuer.accounts().get(user).map(a -> a.roleNames().get(0))
                    .orElse("?"), issuer.secret(user));
        }
    }
}
