package org.studyledger.local.issuer;

import java.util.List;
import org.studyledger.kernel.access.Role;

/**
 * One identity of the local issuer: what its tokens say.
 *
 * @param id       the subject ({@code sub}): the user name and the client id
 * @param name     the display name ({@code name})
 * @param roles    the roles claim
 * @param center   the center claim (center staff and the center's loader), or null
 * @param audience the service audience its access tokens are for
 * @param user     whether a person can sign in with it in a browser (authorization code with PKCE)
 */
public record Account(String id, String name, List<Role> roles, String center, String audience, boolean user) {
    public Account {
        roles = List.copyOf(roles);
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::value).toList();
    }
}
