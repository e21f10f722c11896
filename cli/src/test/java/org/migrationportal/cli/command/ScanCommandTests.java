package org.migrationportal.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.scan.Fixtures;

class ScanCommandTests {

    @Test
    void liquibaseFlagsSelectWhatUpdateWouldRunThere() {
        String master = Fixtures.path("liquibase-defects/per-dbms/master.xml").toString();
        CommandRun run = CommandRun.run(
                Map.of(),
                "scan",
                master,
                "--dbms",
                "postgresql",
                "--contexts",
                "prod",
                "--labels",
                "eu",
                "--format",
                "text");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("liquibase: 5 migrations in 1 files")
                .contains("master changelog: master.xml")
                .contains("not a changelog (skipped): 0  left out by --dbms/--contexts/--labels: 3")
                .contains("non-transactional: 2");
    }

    @Test
    void resourceRootResolvesClasspathStyleIncludes() {
        String resources = Fixtures.path("liquibase-defects/mixed-resources").toString();
        CommandRun run = CommandRun.run(
                Map.of(),
                "scan",
                resources + "/db/changelog/db.changelog-master.yaml",
                "--resource-root",
                resources,
                "--strict",
                "--format",
                "text");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("liquibase: 2 migrations in 3 files").contains("parse errors: 0");
    }
}
