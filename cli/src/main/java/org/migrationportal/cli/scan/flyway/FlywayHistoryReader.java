package org.migrationportal.cli.scan.flyway;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.Phase;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.Checksums;
import org.migrationportal.cli.scan.HistoryReader;
import org.migrationportal.cli.scan.SourceFiles;
import org.migrationportal.cli.scan.sql.SqlClassification;
import org.migrationportal.cli.scan.sql.SqlStatementClassifier;
import org.migrationportal.cli.scan.sql.SqlStatementSplitter;

/**
 * Reads a Flyway location: versioned {@code V<version>__<desc>.sql}, undo {@code U<version>__…} (the
 * downgrade of the same version), repeatable {@code R__<desc>.sql}, and Java/Kotlin migrations
 * ({@code V3__Backfill.java}), which are listed with an unclassified operation since their code is opaque.
 *
 * <p>Versions are ordered numerically ({@code 1.10} after {@code 1.9}); each version's parent is the one
 * before it. Repeatables run after all versioned migrations, in description order, so they are chained
 * after the last version. A {@code V….sql.conf} with {@code executeInTransaction=false}, or SQL that
 * PostgreSQL refuses in a transaction (CONCURRENTLY, VACUUM), makes a migration non-transactional.
 *
 * <p>Markers in a leading SQL comment: {@code -- phase: contract expand=<version>} and {@code -- author: name}.
 */
public final class FlywayHistoryReader implements HistoryReader {

    private static final Pattern FILE = Pattern.compile("^([VUR])((?:\\d+(?:[._]\\d+)*)?)__(.+)\\.(sql|java|kt)$");
    private static final Pattern PHASE =
            Pattern.compile("(?im)^\\s*--\\s*phase\\s*:\\s*(\\w+)(?:\\s+expand\\s*=\\s*(\\S+))?");
    private static final Pattern AUTHOR = Pattern.compile("(?im)^\\s*--\\s*author\\s*:\\s*(.+?)\\s*$");

    private record FlywayFile(
            char prefix, String version, String description, String extension, Path path, String display) {}

    @Override
    public ScanResult read(Path location) {
        List<ScanProblem> problems = new ArrayList<>();
        List<Path> paths = SourceFiles.list(location, name -> FILE.matcher(name).matches());
        Map<String, FlywayFile> versioned = new TreeMap<>(FlywayHistoryReader::compareVersions);
        Map<String, FlywayFile> undo = new HashMap<>();
        List<FlywayFile> repeatable = new ArrayList<>();
        for (Path path : paths) {
            Matcher m = FILE.matcher(path.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            FlywayFile f = new FlywayFile(
                    m.group(1).charAt(0),
                    m.group(2).replace('_', '.'),
                    m.group(3).replace('_', ' '),
                    m.group(4),
                    path,
                    SourceFiles.display(location, path));
            if (f.prefix() != 'R' && f.version().isEmpty()) {
                problems.add(ScanProblem.error(f.display(), 1, "versioned migration without a version"));
                continue;
            }
            switch (f.prefix()) {
                case 'V' -> {
                    FlywayFile previous = versioned.putIfAbsent(f.version(), f);
                    if (previous != null) {
                        problems.add(ScanProblem.error(
                                f.display(), 1, "version " + f.version() + " also in " + previous.display()));
                    }
                }
                case 'U' -> undo.put(f.version(), f);
                default -> repeatable.add(f);
            }
        }
        for (Map.Entry<String, FlywayFile> u : undo.entrySet()) {
            if (!versioned.containsKey(u.getKey())) {
                problems.add(ScanProblem.warning(
                        u.getValue().display(),
                        1,
                        "undo for version " + u.getKey() + " that has no versioned migration"));
            }
        }
        repeatable.sort(Comparator.comparing(FlywayFile::description));

        List<Migration> migrations = new ArrayList<>();
        String previous = null;
        for (FlywayFile f : versioned.values()) {
            Optional<Migration> m = migration(f, f.version(), previous, undo.get(f.version()), problems);
            if (m.isPresent()) {
                migrations.add(m.get());
                previous = m.get().revision();
            }
        }
        for (FlywayFile f : repeatable) {
            Optional<Migration> m = migration(f, "R__" + f.description().replace(' ', '_'), previous, null, problems);
            if (m.isPresent()) {
                migrations.add(m.get());
                previous = m.get().revision();
            }
        }
        return new ScanResult("flyway", paths.size(), migrations, problems);
    }

    private Optional<Migration> migration(
            FlywayFile f, String revision, String parent, FlywayFile undoFile, List<ScanProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f.path());
        } catch (IOException e) {
            problems.add(ScanProblem.error(f.display(), 1, "could not read: " + e.getMessage()));
            return Optional.empty();
        }
        List<String> parents = parent == null ? List.of() : List.of(parent);
        boolean sql = f.extension().equals("sql");
        List<Operation> operations;
        // SQL: Flyway's own checksum; Java/Kotlin: Flyway keeps none, so the source file's SHA-256.
        String checksum = Checksums.sha256(bytes);
        boolean transactional = true;
        Phase phase = Phase.NONE;
        String expandRevision = null;
        String author = null;
        if (sql) {
            String text = SourceFiles.decode(bytes);
            checksum = String.valueOf(FlywayChecksum.of(text));
            SqlClassification c = SqlStatementClassifier.classifyScript(text, 1);
            operations = c.operations();
            transactional = !c.requiresNoTransaction() && !configSaysNoTransaction(f.path());
            Matcher p = PHASE.matcher(text);
            if (p.find()) {
                Optional<Phase> parsed = Phase.parse(p.group(1));
                if (parsed.isEmpty()) {
                    problems.add(ScanProblem.error(
                            f.display(),
                            lineOf(text, p.start()),
                            "phase must be expand or contract, not " + p.group(1)));
                } else {
                    phase = parsed.get();
                    expandRevision = phase == Phase.CONTRACT ? p.group(2) : null;
                }
            }
            Matcher a = AUTHOR.matcher(text);
            if (a.find()) {
                author = a.group(1);
            }
        } else {
            operations = List.of(Operation.unclassified(
                    null, "Java/Kotlin migration " + f.path().getFileName()));
        }
        DowngradeKind downgrade = DowngradeKind.NONE;
        if (undoFile != null && !undoDoesNothing(undoFile, problems)) {
            downgrade = DowngradeKind.ofWrittenDowngrade(operations);
        }
        return Optional.of(new Migration(
                revision,
                parents,
                f.description(),
                author,
                checksum,
                downgrade,
                transactional,
                phase,
                expandRevision,
                operations,
                f.display(),
                1));
    }

    /** An undo script with no statements (only comments) undoes nothing. */
    private static boolean undoDoesNothing(FlywayFile undoFile, List<ScanProblem> problems) {
        if (!undoFile.extension().equals("sql")) {
            return false;
        }
        try {
            return SqlStatementSplitter.split(SourceFiles.decode(Files.readAllBytes(undoFile.path())))
                    .isEmpty();
        } catch (IOException e) {
            problems.add(ScanProblem.error(undoFile.display(), 1, "could not read: " + e.getMessage()));
            return true;
        }
    }

    private static boolean configSaysNoTransaction(Path sqlFile) {
        Path conf = sqlFile.resolveSibling(sqlFile.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return false;
        }
        try {
            return Files.readAllLines(conf).stream()
                    .map(l -> l.replaceAll("\\s", "").toLowerCase(Locale.ROOT))
                    .anyMatch(l -> l.equals("executeintransaction=false"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
            BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
