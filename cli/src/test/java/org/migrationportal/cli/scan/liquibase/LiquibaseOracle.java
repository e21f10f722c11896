package org.migrationportal.cli.scan.liquibase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;

/** What liquibase-core itself reads from a changelog: the reference the scanner is held to. */
final class LiquibaseOracle {

    /** One changeset as Liquibase sees it, in the fields the scanner reports. */
    record OracleChangeSet(String file, String id, String author, String checksum, boolean runInTransaction) {}

    private LiquibaseOracle() {}

    /** Parses {@code master} (a path under {@code resourceRoot}) the way {@code liquibase update} does. */
    static List<OracleChangeSet> read(Path resourceRoot, String master) {
        try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(resourceRoot.toFile())) {
            // Fixtures and real histories often lack xsi:schemaLocation; Liquibase reads them all the same then.
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(),
                    accessor,
                    GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(),
                    false);
            return Scope.child(scope, () -> {
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance()
                        .getParser(master, accessor)
                        .parse(master, new ChangeLogParameters(), accessor);
                List<OracleChangeSet> out = new ArrayList<>();
                for (ChangeSet cs : log.getChangeSets()) {
                    out.add(new OracleChangeSet(
                            cs.getFilePath(),
                            cs.getId(),
                            cs.getAuthor(),
                            cs.generateCheckSum(ChecksumVersion.latest()).toString(),
                            cs.isRunInTransaction()));
                }
                return out;
            });
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase could not read " + master + " under " + resourceRoot, e);
        }
    }
}
