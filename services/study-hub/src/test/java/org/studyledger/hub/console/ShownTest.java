package org.studyledger.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.studyledger.hub.security.HubAccess;
import org.studyledger.kernel.access.Role;
import org.studyledger.support.security.AccessRule;
import org.studyledger.support.security.AccessRules;
import org.studyledger.support.security.Caller;

/** The console's pages are decided by the hub's rule table, endpoint by endpoint, with no rules of their own. */
class ShownTest {
    private static final AccessRules RULES = AccessRules.study(HubAccess.RULES);

    @Test
    void everyPageShowsAnEndpointOfTheRuleTable() {
        for (Shown shown : Shown.values()) {
            assertThat(HubAccess.RULES).as("a rule for %s", shown)
                    .anyMatch(r -> r.method().equals(shown.method()) && r.path().equals(shown.path()));
        }
    }

    @Test
    void aRoleSeesAPageIffTheRuleTableLetsItCallTheEndpoint() {
        for (Shown shown : Shown.values()) {
            AccessRule rule = RULES.match(shown.method(), shown.examplePath()).orElseThrow();
            for (Role role : Role.values()) {
                boolean allowed = RULES.actingRole(shown.method(), shown.examplePath(), person(null, role)).isPresent();
                assertThat(allowed).as("%s for %s", shown, role).isEqualTo(rule.roles().contains(role));
            }
        }
        assertThat(RULES.actingRole(Shown.SUBJECTS.method(), Shown.SUBJECTS.examplePath(), person(null, Role.ANALYST)))
                .contains(Role.ANALYST);
        assertThat(RULES.actingRole(Shown.AUDIT_TRAIL.method(), Shown.AUDIT_TRAIL.examplePath(), person(null, Role.ANALYST)))
                .isEmpty();
    }

    @Test
    void centerStaffSeeNothingAtTheHubEvenInAStudyRole() {
        for (Shown shown : Shown.values()) {
            assertThat(RULES.actingRole(shown.method(), shown.examplePath(), person("PAV", Role.DATA_MANAGER,
                    Role.ANALYST, Role.AUDITOR, Role.HUB_ADMIN))).as("%s", shown).isEmpty();
        }
    }

    private static Caller person(String center, Role... roles) {
        Set<String> names = new LinkedHashSet<>();
        List.of(roles).forEach(r -> names.add(r.value()));
        return new Caller("someone", "Some One", names, center, "studyledger-console");
    }
}
