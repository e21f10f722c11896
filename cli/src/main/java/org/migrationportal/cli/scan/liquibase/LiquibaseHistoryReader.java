package org.migrationportal.cli.scan.liquibase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.Phase;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.HistoryReader;
import org.migrationportal.cli.scan.SourceFiles;

/**
 * Reads a Liquibase history: XML, YAML/JSON and formatted SQL changelogs, following {@code include} and
 * {@code includeAll} in Liquibase's order. One migration per changeset; the parent is the changeset
 * before it, since Liquibase applies a changelog as one ordered list.
 *
 * <p>Given a directory, the top-level changelogs are the files no other changelog includes. Paths that
 * are not relative to the including file are resolved like Liquibase's search path: against the scan
 * root and then each of its parent folders (so {@code db/changelog/changes/} is found from
 * {@code src/main/resources}).
 *
 * <p>Phase markers: a label or context {@code expand} or {@code contract}; for a contract, a label
 * {@code expand=<changeset id>} names the expand changeset.
 */
public final class LiquibaseHistoryReader implements HistoryReader {

    private static final Set<String> EXTENSIONS = Set.of(".xml", ".yaml", ".yml", ".json", ".sql");

    private final LiquibaseRunSettings settings;
    private final Map<Path, ParsedChangelog> parsed = new LinkedHashMap<>();
    private final ChangelogProperties properties = new ChangelogProperties();
    private final Set<Path> usesProperties = new HashSet<>();
    private final List<ScanProblem> problems = new ArrayList<>();
    private Path root;
    private Path resourceRoot;

    public LiquibaseHistoryReader() {
        this(LiquibaseRunSettings.NONE);
    }

    public LiquibaseHistoryReader(LiquibaseRunSettings settings) {
        this.settings = settings;
    }

    /**
     * Reads the history; when changelogs define properties that others use ({@code ${name}}), the files
     * that use them are read once more with the values in place, as Liquibase expands them while parsing.
     */
    @Override
    public ScanResult read(Path location) {
        ScanResult first = readOnce(location);
        parsed.values()
                .forEach(p -> p.entries().stream()
                        .filter(e -> e instanceof ChangelogEntry.Property)
                        .map(e -> (ChangelogEntry.Property) e)
                        .filter(property -> property.dbms() == null
                                || settings.dbms() == null
                                || DbmsList.matches(property.dbms(), settings.dbms(), true))
                        .forEach(properties::define));
        if (properties.isEmpty() || usesProperties.isEmpty()) {
            return first;
        }
        usesProperties.forEach(parsed::remove);
        problems.clear();
        return readOnce(location);
    }

    private ScanResult readOnce(Path location) {
        root = location.toAbsolutePath().normalize();
        Path rootFolder = Files.isDirectory(root) ? root : root.getParent();
        resourceRoot = settings.resourceRoot() == null
                ? rootFolder
                : settings.resourceRoot().toAbsolutePath().normalize();
        List<Path> topLevel;
        String master = null;
        int notChangelogs = 0;
        if (Files.isRegularFile(root)) {
            topLevel = List.of(root);
            master = display(root);
        } else {
            List<Path> named = SourceFiles.list(root, LiquibaseHistoryReader::isChangelogName);
            List<Path> candidates =
                    named.stream().filter(this::looksLikeChangelog).toList();
            Set<Path> included = new HashSet<>();
            for (Path file : candidates) {
                for (ChangelogEntry entry : parse(file).entries()) {
                    if (entry instanceof ChangelogEntry.Include include) {
                        included.addAll(resolveInclude(file, include, false));
                    } else if (entry instanceof ChangelogEntry.ChangeSetEntry cs) {
                        included.addAll(sqlFilesOf(cs.changeSet()));
                    }
                }
            }
            // A plain .sql file is a changelog only when an includeAll or sqlFile pulls it in.
            notChangelogs = (int) named.stream()
                    .filter(p -> !candidates.contains(p) && !included.contains(p))
                    .count();
            List<Path> notIncluded =
                    candidates.stream().filter(p -> !included.contains(p)).toList();
            List<Path> masters = notIncluded.stream()
                    .filter(p -> parse(p).entries().stream().anyMatch(e -> e instanceof ChangelogEntry.Include))
                    .toList();
            if (masters.size() == 1) {
                topLevel = masters;
                master = display(masters.get(0));
                List<String> unread = notIncluded.stream()
                        .filter(p -> !p.equals(masters.get(0)))
                        .map(this::display)
                        .toList();
                if (!unread.isEmpty()) {
                    problems.add(ScanProblem.warning(
                            master,
                            1,
                            unread.size() + " changelog(s) not included by the master, not read (as Liquibase): "
                                    + String.join(", ", unread.subList(0, Math.min(10, unread.size())))
                                    + (unread.size() > 10 ? ", …" : "")));
                }
            } else {
                topLevel = notIncluded;
                if (topLevel.size() == 1) {
                    master = display(topLevel.get(0));
                } else if (topLevel.size() > 1) {
                    problems.add(ScanProblem.warning(
                            display(topLevel.get(0)),
                            1,
                            topLevel.size()
                                    + " top-level changelogs (not included by any other); read in file-name order."
                                    + " Pass the master changelog file to scan exactly what Liquibase runs"));
                }
            }
        }
        List<LiquibaseChangeSet> changeSets = new ArrayList<>();
        Set<Path> visited = new LinkedHashSet<>();
        for (Path file : topLevel) {
            collect(file, changeSets, visited);
        }
        List<LiquibaseChangeSet> selected =
                changeSets.stream().filter(this::runsHere).toList();
        List<Migration> migrations = toMigrations(selected);
        List<ScanProblem> all = new ArrayList<>();
        visited.forEach(f -> all.addAll(parse(f).problems()));
        all.addAll(problems);
        return new ScanResult(
                "liquibase",
                visited.size(),
                migrations,
                all,
                master,
                notChangelogs,
                changeSets.size() - selected.size());
    }

    private static boolean isChangelogName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * A document that could be a top-level changelog: XML, YAML or JSON that mentions
     * {@code databaseChangeLog}, or SQL with the formatted-SQL header. Hibernate mappings, Spring XML
     * and JSON settings beside the changelogs are skipped without parsing them.
     */
    private boolean looksLikeChangelog(Path file) {
        String text;
        try {
            text = SourceFiles.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            return true; // parse() reports the read error
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return LiquibaseFormattedSqlParser.isFormatted(text);
        }
        return text.contains("databaseChangeLog");
    }

    /** Whether Liquibase would run the changeset for {@code --dbms}, {@code --contexts} and {@code --labels}. */
    private boolean runsHere(LiquibaseChangeSet cs) {
        LiquibaseChangeSet.Conditions c = cs.conditions();
        if (settings.dbms() != null && !DbmsList.matches(c.dbms(), settings.dbms(), true)) {
            return false;
        }
        if (settings.contexts() != null
                && !settings.contexts().isBlank()
                && !MarkerExpression.matches(c.contextFilter(), MarkerExpression.names(settings.contexts()))) {
            return false;
        }
        Set<String> labels = MarkerExpression.names(c.labels());
        return labels.isEmpty() || MarkerExpression.matches(settings.labels(), labels);
    }

    private void collect(Path file, List<LiquibaseChangeSet> out, Set<Path> visited) {
        if (!visited.add(file)) {
            return; // Liquibase runs an included changelog once
        }
        for (ChangelogEntry entry : parse(file).entries()) {
            if (entry instanceof ChangelogEntry.ChangeSetEntry cs) {
                out.add(cs.changeSet());
            } else if (entry instanceof ChangelogEntry.Include include) {
                List<Path> targets = resolveInclude(file, include, true);
                for (Path target : targets) {
                    collect(target, out, visited);
                }
            }
        }
    }

    /** SQL files a changeset's {@code sqlFile} changes reference: their statements belong to the changeset. */
    private List<Path> sqlFilesOf(LiquibaseChangeSet cs) {
        List<Path> files = new ArrayList<>();
        for (LiquibaseChange change : cs.changes()) {
            if (change.type().equals("sqlFile") && change.attribute("path") != null) {
                Path changelog = rootFolder().resolve(cs.file());
                locate(
                                changelog,
                                change.attribute("path"),
                                "true".equalsIgnoreCase(change.attribute("relativeToChangelogFile")))
                        .ifPresent(files::add);
            }
        }
        return files;
    }

    private Path rootFolder() {
        return Files.isDirectory(root) ? root : root.getParent();
    }

    private ParsedChangelog parse(Path file) {
        return parsed.computeIfAbsent(file, f -> {
            String display = display(f);
            try {
                String text = SourceFiles.decode(Files.readAllBytes(f));
                if (text.contains("${")) {
                    usesProperties.add(f);
                    text = properties.substitute(
                            text,
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"));
                }
                String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (lower.endsWith(".xml")) {
                    return LiquibaseXmlChangelogParser.parse(text.getBytes(StandardCharsets.UTF_8), display);
                }
                if (lower.endsWith(".sql")) {
                    return LiquibaseFormattedSqlParser.isFormatted(text)
                            ? LiquibaseFormattedSqlParser.parse(text, display)
                            : LiquibaseFormattedSqlParser.parseRaw(text, display);
                }
                return LiquibaseYamlChangelogParser.parse(text, display);
            } catch (IOException e) {
                return new ParsedChangelog(
                        List.of(), List.of(ScanProblem.error(display, 1, "could not read: " + e.getMessage())));
            }
        });
    }

    /** Files an include names, in Liquibase's order (includeAll: sorted by path, recursively). */
    private List<Path> resolveInclude(Path from, ChangelogEntry.Include include, boolean report) {
        if (include.path() == null || include.path().isBlank()) {
            if (report) {
                problems.add(ScanProblem.error(display(from), include.line(), "include without a file/path"));
            }
            return List.of();
        }
        String path = include.path().replaceFirst("^classpath\\*?:", "").replaceFirst("^/", "");
        Optional<Path> target = locate(from, path, include.relativeToChangelogFile());
        if (target.isEmpty()) {
            if (report) {
                problems.add(
                        ScanProblem.error(display(from), include.line(), "included " + include.path() + " not found"));
            }
            return List.of();
        }
        if (!include.all()) {
            return List.of(target.get());
        }
        if (!Files.isDirectory(target.get())) {
            if (report) {
                problems.add(ScanProblem.error(
                        display(from), include.line(), "includeAll " + include.path() + " is not a folder"));
            }
            return List.of();
        }
        return SourceFiles.list(target.get(), LiquibaseHistoryReader::isChangelogName);
    }

    /**
     * Liquibase's rule: relative to the including file with {@code relativeToChangelogFile}, else from the
     * resource root ({@code --resource-root}, or the folder the master sits in). Without
     * {@code --resource-root} the scan folder's parents and the including file's folder are tried too, so
     * {@code db/changelog/changes/x.xml} is found when the scan starts at {@code src/main/resources/db/changelog}.
     */
    private Optional<Path> locate(Path from, String path, boolean relativeToChangelogFile) {
        List<Path> bases = new ArrayList<>();
        if (relativeToChangelogFile) {
            bases.add(from.getParent());
        } else {
            bases.add(resourceRoot);
            if (settings.resourceRoot() == null) {
                for (Path p = rootFolder(); p != null; p = p.getParent()) {
                    bases.add(p);
                }
                bases.add(from.getParent());
            }
        }
        for (Path base : bases) {
            Path candidate = base.resolve(path).normalize();
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Revision ids: the changeset id where it is unique, else {@code file::id::author}, plus the dbms (or
     * the context, or the labels) where two changesets share even that, as one per database kind does.
     */
    private List<Migration> toMigrations(List<LiquibaseChangeSet> changeSets) {
        Map<String, Integer> idCount = new HashMap<>();
        Map<String, Integer> identityCount = new HashMap<>();
        for (LiquibaseChangeSet cs : changeSets) {
            idCount.merge(cs.id(), 1, Integer::sum);
            identityCount.merge(identity(cs), 1, Integer::sum);
        }
        List<Migration> migrations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (LiquibaseChangeSet cs : changeSets) {
            String revision = idCount.get(cs.id()) == 1 ? cs.id() : identity(cs);
            if (identityCount.get(identity(cs)) > 1) {
                LiquibaseChangeSet.Conditions c = cs.conditions();
                String distinct =
                        c.dbms() != null ? c.dbms() : c.contextFilter() != null ? c.contextFilter() : c.labels();
                revision = distinct == null ? revision : revision + "::" + distinct.replaceAll("\\s+", "");
            }
            if (!seen.add(revision)) {
                problems.add(ScanProblem.error(cs.file(), cs.line(), "duplicate changeset " + revision));
                continue;
            }
            migrations.add(toMigration(cs, revision, previous));
            previous = revision;
        }
        return migrations;
    }

    private static String identity(LiquibaseChangeSet cs) {
        return cs.file() + "::" + cs.id() + "::" + cs.author();
    }

    private Migration toMigration(LiquibaseChangeSet cs, String revision, String parent) {
        List<Operation> operations = new ArrayList<>();
        boolean needsNoTransaction = false;
        LiquibaseChangeClassifier.SqlFileLoader sqlFiles = (path, relative) -> loadSqlFile(cs.file(), path, relative);
        for (LiquibaseChange change : cs.changes()) {
            LiquibaseChangeClassifier.Classified c = LiquibaseChangeClassifier.classify(change, sqlFiles);
            operations.addAll(c.operations());
            needsNoTransaction |= c.requiresNoTransaction();
        }
        if (needsNoTransaction && cs.runInTransaction()) {
            problems.add(
                    ScanProblem.warning(
                            cs.file(),
                            cs.line(),
                            "changeset " + cs.id()
                                    + " has SQL that cannot run in a transaction (e.g. CONCURRENTLY) but no runInTransaction=false"));
        }
        DowngradeKind downgrade = switch (cs.rollback()) {
            case WRITTEN -> DowngradeKind.ofWrittenDowngrade(operations);
            // Liquibase rolls an empty rollback back by doing nothing: it runs, and the change stays.
            case EMPTY -> cs.changes().isEmpty() ? DowngradeKind.REVERSIBLE : DowngradeKind.LOSSY;
            // A changeset with no changes (only preconditions) has nothing to undo.
            case ABSENT ->
                cs.changes().isEmpty()
                                || cs.changes().stream()
                                        .allMatch(ch -> LiquibaseChangeClassifier.AUTO_ROLLBACK.contains(ch.type()))
                        ? DowngradeKind.REVERSIBLE
                        : DowngradeKind.NONE;
        };
        Phase phase = Phase.NONE;
        String expandRevision = null;
        List<String> markers = new ArrayList<>(cs.labels());
        markers.addAll(cs.contexts());
        for (String marker : markers) {
            String m = marker.toLowerCase(Locale.ROOT);
            if (m.equals("expand") || m.equals("contract")) {
                phase = Phase.parse(m).orElseThrow();
            } else if (m.startsWith("expand=")) {
                expandRevision = marker.substring("expand=".length());
            }
        }
        if (phase != Phase.CONTRACT && expandRevision != null) {
            problems.add(ScanProblem.warning(cs.file(), cs.line(), "label expand=… without contract; ignored"));
            expandRevision = null;
        }
        String description = cs.comment() != null && !cs.comment().isBlank() ? cs.comment() : describe(cs);
        return new Migration(
                revision,
                parent == null ? List.of() : List.of(parent),
                description,
                cs.author(),
                ChangeChecksums.ofChangeSet(cs, settings.dbms(), sqlFiles),
                downgrade,
                cs.runInTransaction(),
                phase,
                expandRevision,
                operations,
                cs.file(),
                cs.line());
    }

    private Optional<String> loadSqlFile(String changelogDisplay, String path, boolean relative) {
        Path changelog = rootFolder().resolve(changelogDisplay);
        return locate(changelog, path, relative).filter(Files::isRegularFile).map(p -> {
            try {
                return SourceFiles.decode(Files.readAllBytes(p));
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Without a comment, the change types and tables say what the changeset does. */
    private static String describe(LiquibaseChangeSet cs) {
        List<String> parts = new ArrayList<>();
        for (LiquibaseChange c : cs.changes()) {
            String table = c.attribute("tableName") != null ? c.attribute("tableName") : c.attribute("baseTableName");
            parts.add(table == null ? c.type() : c.type() + " " + table);
        }
        return parts.isEmpty() ? cs.id() : String.join(", ", parts);
    }

    private String display(Path file) {
        return SourceFiles.display(root, file);
    }
}
