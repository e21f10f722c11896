package org.migrationportal.cli.scan.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Map<Path, ParsedChangelog> parsed = new HashMap<>();
    private final List<ScanProblem> problems = new ArrayList<>();
    private Path root;

    public LiquibaseHistoryReader() {
        this(LiquibaseRunSettings.NONE);
    }

    public LiquibaseHistoryReader(LiquibaseRunSettings settings) {
        this.settings = settings;
    }

    @Override
    public ScanResult read(Path location) {
        root = location.toAbsolutePath().normalize();
        List<Path> topLevel;
        if (Files.isRegularFile(root)) {
            topLevel = List.of(root);
        } else {
            List<Path> candidates = SourceFiles.list(root, LiquibaseHistoryReader::isChangelogName);
            Set<Path> included = new HashSet<>();
            for (Path file : candidates) {
                for (ChangelogEntry entry : parse(file).entries()) {
                    if (entry instanceof ChangelogEntry.Include include) {
                        included.addAll(resolveInclude(file, include, false));
                    }
                }
            }
            topLevel = candidates.stream().filter(p -> !included.contains(p)).toList();
            if (topLevel.size() > 1) {
                problems.add(ScanProblem.warning(
                        display(topLevel.get(0)),
                        1,
                        topLevel.size()
                                + " top-level changelogs (not included by any other); read in file-name order."
                                + " Pass the master changelog file to scan exactly what Liquibase runs"));
            }
        }
        List<LiquibaseChangeSet> changeSets = new ArrayList<>();
        Set<Path> visited = new LinkedHashSet<>();
        for (Path file : topLevel) {
            collect(file, changeSets, visited);
        }
        return new ScanResult("liquibase", visited.size(), toMigrations(changeSets), problems);
    }

    private static boolean isChangelogName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
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

    private ParsedChangelog parse(Path file) {
        return parsed.computeIfAbsent(file, f -> {
            String display = display(f);
            try {
                byte[] bytes = Files.readAllBytes(f);
                String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
                ParsedChangelog result;
                if (lower.endsWith(".xml")) {
                    result = LiquibaseXmlChangelogParser.parse(bytes, display);
                } else if (lower.endsWith(".sql")) {
                    String text = SourceFiles.decode(bytes);
                    result = LiquibaseFormattedSqlParser.isFormatted(text)
                            ? LiquibaseFormattedSqlParser.parse(text, display)
                            : LiquibaseFormattedSqlParser.parseRaw(text, display);
                } else {
                    result = LiquibaseYamlChangelogParser.parse(SourceFiles.decode(bytes), display);
                }
                problems.addAll(result.problems());
                return result;
            } catch (IOException e) {
                problems.add(ScanProblem.error(display, 1, "could not read: " + e.getMessage()));
                return new ParsedChangelog(List.of(), List.of());
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

    private Optional<Path> locate(Path from, String path, boolean relativeToChangelogFile) {
        List<Path> bases = new ArrayList<>();
        bases.add(from.getParent());
        if (!relativeToChangelogFile) {
            Path base = Files.isDirectory(root) ? root : root.getParent();
            for (Path p = base; p != null; p = p.getParent()) {
                bases.add(p);
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

    private List<Migration> toMigrations(List<LiquibaseChangeSet> changeSets) {
        Map<String, Integer> idCount = new HashMap<>();
        changeSets.forEach(cs -> idCount.merge(cs.id(), 1, Integer::sum));
        List<Migration> migrations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (LiquibaseChangeSet cs : changeSets) {
            // Liquibase identifies a changeset by file, id and author; the plain id is used when it is unique.
            String revision = idCount.get(cs.id()) == 1 ? cs.id() : cs.file() + "::" + cs.id() + "::" + cs.author();
            if (!seen.add(revision)) {
                problems.add(ScanProblem.error(cs.file(), cs.line(), "duplicate changeset " + revision));
                continue;
            }
            migrations.add(toMigration(cs, revision, previous));
            previous = revision;
        }
        return migrations;
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
            case EMPTY -> DowngradeKind.NONE;
            case ABSENT ->
                !cs.changes().isEmpty()
                                && cs.changes().stream()
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
        Path changelog = (Files.isDirectory(root) ? root : root.getParent()).resolve(changelogDisplay);
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
