package org.migrationportal.demo;

import java.util.List;
import org.migrationportal.identity.NewUser;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the demo once: {@code portal.demo-data=true}, or {@code auto} (the default) on the embedded H2
 * database only. Marked as loaded by the presence of the seed project. Runs before the first-admin
 * runner, so a demo portal does not ask for PORTAL_ADMIN_* settings.
 */
@Component
@Order(5)
class DemoData implements ApplicationRunner {

    static final String DEMO_PASSWORD = "demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ProjectCatalog projects;
    private final UserAccounts accounts;
    private final boolean enabled;

    DemoData(
            ProjectCatalog projects,
            UserAccounts accounts,
            @Value("${portal.demo-data:auto}") String mode,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.projects = projects;
        this.accounts = accounts;
        this.enabled = "true".equals(mode) || "auto".equals(mode) && datasourceUrl.startsWith("jdbc:h2:");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || projects.find("dylen-engine").isPresent()) {
            return;
        }
        log.info("Loading demo data (projects dylen-engine and billing-service, demo users)");
        projects.create(new ProjectDefinition(
                "dylen-engine",
                "Dylen Engine",
                "alembic",
                "https://git.example.org/dylen/dylen-engine",
                "main",
                standardEnvironments()));
        projects.create(new ProjectDefinition(
                "billing-service",
                "Billing Service",
                "liquibase",
                "https://git.example.org/finance/billing-service",
                "main",
                standardEnvironments()));

        user("admin", "Ada Admin", new RoleGrantDefinition(Role.ADMIN, null));
        user(
                "mira",
                "Mira Okafor (DBA)",
                new RoleGrantDefinition(Role.APPROVER, "dylen-engine"),
                new RoleGrantDefinition(Role.APPROVER, "billing-service"));
        user("jonas", "Jonas Berg (tech lead)", new RoleGrantDefinition(Role.APPROVER, "dylen-engine"));
        user("tomas", "Tomas Reyes (engineer)");
        user("audrey", "Audrey Lim (auditor)", new RoleGrantDefinition(Role.AUDITOR, null));
    }

    private static List<EnvironmentDefinition> standardEnvironments() {
        return List.of(
                new EnvironmentDefinition("dev", "Development", 1, false, null),
                new EnvironmentDefinition("staging", "Staging", 2, false, null),
                new EnvironmentDefinition("prod", "Production", 3, true, "staging"));
    }

    private void user(String username, String displayName, RoleGrantDefinition... roles) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(new NewUser(username, displayName, DEMO_PASSWORD, List.of(roles)));
        }
    }
}
