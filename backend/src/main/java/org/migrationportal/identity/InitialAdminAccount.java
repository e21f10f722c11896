package org.migrationportal.identity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the first admin from {@code PORTAL_ADMIN_USERNAME}/{@code PORTAL_ADMIN_PASSWORD} when the portal has no users yet. */
@Component
@Order(10)
class InitialAdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdminAccount.class);

    private final UserAccounts accounts;
    private final String username;
    private final String password;

    InitialAdminAccount(
            UserAccounts accounts,
            @Value("${portal.admin.username:}") String username,
            @Value("${portal.admin.password:}") String password) {
        this.accounts = accounts;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyUserExists()) {
            return;
        }
        if (username.isBlank() || password.isBlank()) {
            log.warn(
                    "The portal has no users. Set PORTAL_ADMIN_USERNAME and PORTAL_ADMIN_PASSWORD (12+ characters) "
                            + "and restart to create the first admin, or use PORTAL_BOOTSTRAP_ADMIN_TOKEN with POST /api/v1/users.");
            return;
        }
        PasswordPolicy.problem(password).ifPresent(problem -> {
            throw new IllegalStateException("PORTAL_ADMIN_PASSWORD " + problem + " (counted as Unicode characters)");
        });
        accounts.create(
                new NewUser(username, "Administrator", password, List.of(new RoleGrantDefinition(Role.ADMIN, null))));
        log.info("Created the first admin account '{}'", username);
    }
}
