package org.migrationportal.cli.scan.liquibase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;

/** What liquibase-core itself reads from a changelog: the reference the scanner is held to. */
final class LiquibaseOracle {

    /**
     * One changeset as Liquibase sees it, in the fields the scanner reports. {@code autoRollback}: it has
     * no rollback of its own and Liquibase can generate one for every change (on PostgreSQL).
     */
    record OracleChangeSet(
            String file,
            String id,
            String author,
            String checksum,
            boolean runInTransaction,
            boolean writtenRollback,
            boolean autoRollback) {}

    private LiquibaseOracle() {}

    /** Parses {@code master} (a path under {@code resourceRoot}) the way {@code liquibase update} does. */
    static List<OracleChangeSet> read(Path resourceRoot, String master) {
        return read(resourceRoot, master, LiquibaseRunSettings.NONE);
    }

    /** Only the changesets {@code liquibase update} would run for these dbms, contexts and labels. */
    static List<OracleChangeSet> read(Path resourceRoot, String master, LiquibaseRunSettings settings) {
        try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(resourceRoot.toFile())) {
            // Fixtures and real histories often lack xsi:schemaLocation; Liquibase reads them all the same then.
            Map<String, Object> scope = new HashMap<>();
            scope.put(Scope.Attr.resourceAccessor.name(), accessor);
            scope.put(GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(), false);
            if (settings.dbms() != null) {
                scope.put(Scope.Attr.database.name(), database(settings.dbms())); // dbms-targeted changes count there
            }
            return Scope.child(scope, () -> {
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance()
                        .getParser(master, accessor)
                        .parse(master, new ChangeLogParameters(), accessor);
                Database postgres = new PostgresDatabase();
                List<OracleChangeSet> out = new ArrayList<>();
                Set<String> ran = new HashSet<>();
                for (ChangeSet cs : log.getChangeSets()) {
                    // A changelog included twice lists its changesets twice; update runs each once.
                    String identity = cs.toString(false) + "::" + cs.getDbmsSet() + "::" + cs.getContextFilter() + "::"
                            + cs.getLabels();
                    if (runs(cs, settings) && ran.add(identity)) {
                        cs.clearCheckSum(); // parsing may have computed it already, for no database
                        boolean written = !cs.getRollback().getChanges().isEmpty();
                        out.add(new OracleChangeSet(
                                cs.getFilePath(),
                                cs.getId(),
                                cs.getAuthor(),
                                cs.generateCheckSum(ChecksumVersion.latest()).toString(),
                                cs.isRunInTransaction(),
                                written,
                                !written && cs.supportsRollback(postgres)));
                    }
                }
                return out;
            });
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase could not read " + master + " under " + resourceRoot, e);
        }
    }

    private static Database database(String dbms) {
        if (!dbms.equals("postgresql")) {
            throw new IllegalArgumentException("the oracle knows postgresql only");
        }
        return new PostgresDatabase();
    }

    private static boolean runs(ChangeSet cs, LiquibaseRunSettings settings) {
        if (settings.dbms() != null
                && !new DbmsChangeSetFilter(database(settings.dbms()))
                        .accepts(cs)
                        .isAccepted()) {
            return false;
        }
        if (settings.contexts() != null
                && !new ContextChangeSetFilter(new Contexts(settings.contexts()))
                        .accepts(cs)
                        .isAccepted()) {
            return false;
        }
        return settings.labels() == null
                || new LabelChangeSetFilter(new LabelExpression(settings.labels()))
                        .accepts(cs)
                        .isAccepted();
    }
}
