package org.studyledger.local.issuer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.studyledger.kernel.access.Role;

/**
 * The local issuer's accounts, derived from the platform's centers:
 * <ul>
 *   <li>per center and center role, {@code <center>-<role>} (e.g. {@code pav-rater}): a member of that center's staff
 *   in that role only, for the center's audience;</li>
 *   <li>per center, {@code cohort-loader-<center>}: the cohort loader's client, in the staff roles the cohort needs;</li>
 *   <li>per hub role, {@code hub-<role>} (the admin: {@code hub-admin}): study-wide, for the hub's audience;</li>
 *   <li>{@code studyledger-platform}: the platform's own client, which reads the summary it prints.</li>
 * </ul>
 */
public final class Accounts {
    /** The audience of every center's service (the services' {@code studyledger.security.audience}). */
    public static final String CENTER_AUDIENCE = "studyledger-center";
    /** The hub's audience. */
    public static final String HUB_AUDIENCE = "studyledger-hub";
    /** The client the platform reads its summary with. */
    public static final String PLATFORM = "studyledger-platform";
    /** The web console's public client: authorization code with PKCE, no secret. */
    public static final String CONSOLE = "studyledger-console";

    private final Map<String, Account> accounts;

    private Accounts(Map<String, Account> accounts) {
        this.accounts = Collections.unmodifiableMap(accounts);
    }

    public static Accounts of(List<String> centers) {
        Map<String, Account> all = new LinkedHashMap<>();
        for (String center : centers) {
            String c = center.toLowerCase(Locale.ROOT);
            for (Role role : Role.values()) {
                if (role.atCenter()) {
                    add(all, new Account(c + "-" + role.value(), center + " " + role.value() + " (demo)", List.of(role),
                            center, CENTER_AUDIENCE, true));
                }
            }
            add(all, new Account(loader(center), "Cohort loader of " + center, List.of(Role.INVESTIGATOR, Role.RATER,
                    Role.STUDY_NURSE, Role.DATA_MANAGER), center, CENTER_AUDIENCE, false));
        }
        for (Role role : Role.values()) {
            if (role.atHub()) {
                String id = role == Role.HUB_ADMIN ? role.value() : "hub-" + role.value();
                add(all, new Account(id, "Study " + role.value() + " (demo)", List.of(role), null, HUB_AUDIENCE, true));
            }
        }
        add(all, new Account(PLATFORM, "StudyLedger local platform", List.of(Role.ANALYST, Role.HUB_ADMIN), null,
                HUB_AUDIENCE, false));
        return new Accounts(all);
    }

    /** The cohort loader's client of {@code center}. */
    public static String loader(String center) {
        return "cohort-loader-" + center.toLowerCase(Locale.ROOT);
    }

    private static void add(Map<String, Account> all, Account account) {
        all.put(account.id(), account);
    }

    public Optional<Account> get(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public List<Account> all() {
        return new ArrayList<>(accounts.values());
    }
}
