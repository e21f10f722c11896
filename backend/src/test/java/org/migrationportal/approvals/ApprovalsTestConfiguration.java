package org.migrationportal.approvals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.migrationportal.compliance.DeployReadiness;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.projects.ProjectCatalog;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A context for testing the approvals module's own responsibilities: a clock tests move by hand, and a
 * {@link DeployReadiness} whose answer each test scripts per project (the real rules are the compliance
 * module's and are exercised by {@code ApprovalWorkflowEndToEndTests}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApprovalsTestConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean
    @Primary
    ScriptedReadiness scriptedReadiness(ProjectCatalog projects) {
        return new ScriptedReadiness(projects);
    }

    /** Answers with the blockers and gate mode a test scripted for the project; nothing scripted means ready. */
    public static class ScriptedReadiness implements DeployReadiness {

        private final ProjectCatalog projects;
        private final Map<String, List<Blocker>> blockers = new ConcurrentHashMap<>();
        private final Map<String, String> modes = new ConcurrentHashMap<>();

        ScriptedReadiness(ProjectCatalog projects) {
            this.projects = projects;
        }

        public void script(String projectKey, String gateMode, Blocker... found) {
            blockers.put(projectKey, List.of(found));
            modes.put(projectKey, gateMode);
        }

        @Override
        public Assessment assess(String projectKey, String environmentKey, String toRevision, String commitSha) {
            var environment =
                    projects.get(projectKey).environment(environmentKey).orElseThrow();
            EnvironmentPolicy defaults = EnvironmentPolicy.defaults(environment.id(), environment.production());
            EnvironmentPolicy policy = new EnvironmentPolicy(
                    defaults.environmentId(),
                    7,
                    defaults.requiredChecks(),
                    defaults.reviewsRequired(),
                    defaults.backupWindow(),
                    defaults.lockThresholdMs(),
                    defaults.driftMaxAge(),
                    defaults.approvalsRequired(),
                    defaults.approvalExpiry(),
                    defaults.breakGlassReviewDue(),
                    modes.getOrDefault(projectKey, "enforce"));
            return new Assessment(policy, blockers.getOrDefault(projectKey, List.of()));
        }
    }
}
