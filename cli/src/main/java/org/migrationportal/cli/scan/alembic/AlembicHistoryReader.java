package org.migrationportal.cli.scan.alembic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/**
 * Reads an Alembic {@code versions/} folder without running Python: module-level headers (plain or
 * annotated), the docstring, and the {@code upgrade()}/{@code downgrade()} bodies found by indentation.
 *
 * <p>Phase markers (documented in docs/ci-integration.md): a module-level {@code phase = "expand"|"contract"}
 * and, for a contract, {@code expand_revision = "<revision>"}. Without them the phase is {@code none}.
 */
public final class AlembicHistoryReader implements HistoryReader {

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]*)?=(?!=)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(", Pattern.DOTALL);
    private static final Pattern AUTHOR_LINE = Pattern.compile("(?im)^\\s*author\\s*:\\s*(.+?)\\s*$");
    private static final Set<String> HEADER_NAMES = Set.of(
            "revision", "down_revision", "branch_labels", "depends_on", "phase", "expand_revision", "__author__");

    @Override
    public ScanResult read(Path location) {
        Path versions = Files.isDirectory(location.resolve("versions")) ? location.resolve("versions") : location;
        List<Path> files = SourceFiles.list(versions, name -> name.endsWith(".py") && !name.equals("__init__.py"));
        List<Migration> migrations = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (Path file : files) {
            String display = SourceFiles.display(versions, file);
            try {
                readFile(file, display, problems).ifPresent(migrations::add);
            } catch (IOException | RuntimeException e) {
                problems.add(ScanProblem.error(display, 1, "could not read: " + e.getMessage()));
            }
        }
        checkGraph(migrations, problems);
        return new ScanResult("alembic", files.size(), orderByGraph(migrations), problems);
    }

    private Optional<Migration> readFile(Path file, String display, List<ScanProblem> problems) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<PythonLogicalLine> lines = PythonSourceReader.logicalLines(SourceFiles.decode(bytes));

        Map<String, PythonLogicalLine> headers = new HashMap<>();
        Map<String, List<PythonLogicalLine>> functions = new HashMap<>();
        String docstring = null;
        for (int i = 0; i < lines.size(); i++) {
            PythonLogicalLine line = lines.get(i);
            if (line.indent() != 0) {
                continue;
            }
            if (docstring == null && i == 0 && PythonValue.parse(line.text()) instanceof PythonValue.Str s) {
                docstring = s.value();
                continue;
            }
            Matcher def = DEF.matcher(line.text());
            if (def.find()) {
                functions.put(def.group(1), functionBody(lines, i));
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line.text());
            if (assignment.matches() && HEADER_NAMES.contains(assignment.group(1))) {
                headers.put(assignment.group(1), line);
            }
        }

        PythonLogicalLine revisionLine = headers.get("revision");
        if (revisionLine == null) {
            problems.add(ScanProblem.error(display, 1, "no module-level `revision = \"…\"`; not an Alembic revision"));
            return Optional.empty();
        }
        Optional<String> revision = value(revisionLine).asString();
        if (revision.isEmpty() || revision.get().isBlank()) {
            problems.add(ScanProblem.error(display, revisionLine.line(), "revision is not a string literal"));
            return Optional.empty();
        }
        List<String> parents = List.of();
        PythonLogicalLine downLine = headers.get("down_revision");
        if (downLine == null) {
            problems.add(ScanProblem.error(display, revisionLine.line(), "no `down_revision`; treated as a root"));
        } else {
            Optional<List<String>> down = value(downLine).asStrings();
            if (down.isEmpty()) {
                problems.add(ScanProblem.error(
                        display, downLine.line(), "down_revision is not None, a string, or a tuple/list of strings"));
            } else {
                parents = down.get();
            }
        }

        AlembicOperationReader upgrade = new AlembicOperationReader(name -> Optional.ofNullable(functions.get(name)));
        List<String> upgradeNames = functions.keySet().stream()
                .filter(n -> n.equals("upgrade") || n.startsWith("upgrade_"))
                .sorted()
                .toList();
        if (upgradeNames.isEmpty()) {
            problems.add(ScanProblem.error(display, revisionLine.line(), "no upgrade() function"));
        }
        for (String name : upgradeNames) {
            upgrade.read(functions.get(name), Set.of(name));
        }
        for (String warning : upgrade.warnings()) {
            int colon = warning.indexOf(':');
            problems.add(ScanProblem.warning(
                    display, Integer.parseInt(warning.substring(0, colon)), warning.substring(colon + 2)));
        }
        List<Operation> operations = upgrade.operations();

        List<List<PythonLogicalLine>> downgrades = functions.entrySet().stream()
                .filter(e -> e.getKey().equals("downgrade") || e.getKey().startsWith("downgrade_"))
                .map(Map.Entry::getValue)
                .toList();
        DowngradeKind downgrade =
                downgrades.isEmpty() || downgrades.stream().allMatch(AlembicHistoryReader::doesNothing)
                        ? DowngradeKind.NONE
                        : DowngradeKind.ofWrittenDowngrade(operations);

        Phase phase = Phase.NONE;
        String expandRevision = null;
        PythonLogicalLine phaseLine = headers.get("phase");
        if (phaseLine != null) {
            Optional<Phase> parsed = value(phaseLine).asString().flatMap(Phase::parse);
            if (parsed.isEmpty()) {
                problems.add(ScanProblem.error(display, phaseLine.line(), "phase must be \"expand\" or \"contract\""));
            } else {
                phase = parsed.get();
            }
        }
        PythonLogicalLine expandLine = headers.get("expand_revision");
        if (expandLine != null) {
            expandRevision = value(expandLine).asString().orElse(null);
            if (phase != Phase.CONTRACT) {
                problems.add(ScanProblem.warning(
                        display,
                        expandLine.line(),
                        "expand_revision is only meaningful with phase = \"contract\"; ignored"));
                expandRevision = null;
            }
        } else if (phase == Phase.CONTRACT) {
            problems.add(ScanProblem.warning(
                    display,
                    phaseLine.line(),
                    "contract migration without expand_revision: the portal cannot check its expand was deployed"));
        }

        String description = null;
        String author = headers.containsKey("__author__")
                ? value(headers.get("__author__")).asString().orElse(null)
                : null;
        if (docstring != null) {
            description =
                    docstring.strip().lines().findFirst().map(String::strip).orElse(null);
            Matcher a = AUTHOR_LINE.matcher(docstring);
            if (author == null && a.find()) {
                author = a.group(1);
            }
        }
        boolean transactional = !upgrade.usesAutocommitBlock();
        return Optional.of(new Migration(
                revision.get(),
                parents,
                description,
                author,
                Checksums.sha256(bytes),
                downgrade,
                transactional,
                phase,
                expandRevision,
                operations,
                display,
                revisionLine.line()));
    }

    private static PythonValue value(PythonLogicalLine line) {
        Matcher m = ASSIGNMENT.matcher(line.text());
        return m.matches() ? PythonValue.parse(m.group(2)) : new PythonValue.Other(line.text());
    }

    /**
     * The statements of a function: a one-line body after the colon, or the following lines indented
     * deeper than the {@code def}.
     */
    private static List<PythonLogicalLine> functionBody(List<PythonLogicalLine> lines, int defIndex) {
        PythonLogicalLine def = lines.get(defIndex);
        List<PythonLogicalLine> body = new ArrayList<>();
        String text = def.text();
        int close = PythonCall.closingParen(text, text.indexOf('('));
        if (close > 0) {
            int colon = topLevelColon(text, close + 1);
            if (colon > 0 && !text.substring(colon + 1).isBlank()) {
                body.add(new PythonLogicalLine(
                        def.line(), def.indent() + 1, text.substring(colon + 1).strip()));
                return body;
            }
        }
        for (int j = defIndex + 1; j < lines.size() && lines.get(j).indent() > def.indent(); j++) {
            body.add(lines.get(j));
        }
        return body;
    }

    private static int topLevelColon(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code pass}, {@code ...}, docstrings, comments (already gone) or only {@code raise}: no downgrade. */
    private static boolean doesNothing(List<PythonLogicalLine> body) {
        for (PythonLogicalLine line : body) {
            String t = line.text();
            boolean noOp = t.equals("pass")
                    || t.equals("...")
                    || t.startsWith("raise ")
                    || t.equals("raise")
                    || PythonValue.parse(t) instanceof PythonValue.Str;
            if (!noOp) {
                return false;
            }
        }
        return true;
    }

    private static void checkGraph(List<Migration> migrations, List<ScanProblem> problems) {
        Map<String, Migration> byRevision = new HashMap<>();
        for (Migration m : migrations) {
            Migration previous = byRevision.putIfAbsent(m.revision(), m);
            if (previous != null) {
                problems.add(ScanProblem.error(
                        m.sourceFile(),
                        m.sourceLine(),
                        "duplicate revision " + m.revision() + " (also in " + previous.sourceFile() + ")"));
            }
        }
        for (Migration m : migrations) {
            for (String parent : m.parents()) {
                if (!byRevision.containsKey(parent)) {
                    problems.add(ScanProblem.error(
                            m.sourceFile(),
                            m.sourceLine(),
                            "down_revision " + parent + " does not exist in this history"));
                }
            }
        }
    }

    /** Parents before children (stable by file name among siblings), so the manifest reads as history. */
    static List<Migration> orderByGraph(List<Migration> migrations) {
        Map<String, Migration> byRevision = new java.util.LinkedHashMap<>();
        migrations.forEach(m -> byRevision.putIfAbsent(m.revision(), m));
        List<Migration> ordered = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        Set<String> visiting = new java.util.HashSet<>();
        for (Migration m : byRevision.values()) {
            visit(m, byRevision, done, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(
            Migration start,
            Map<String, Migration> byRevision,
            Set<String> done,
            Set<String> visiting,
            List<Migration> out) {
        // Iterative depth-first search: a 2,000-deep linear history would overflow a recursive one.
        java.util.Deque<Migration> stack = new java.util.ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            Migration m = stack.peek();
            if (done.contains(m.revision())) {
                stack.pop();
                continue;
            }
            visiting.add(m.revision());
            Migration pending = null;
            for (String parent : m.parents()) {
                Migration p = byRevision.get(parent);
                if (p != null && !done.contains(parent) && !visiting.contains(parent)) {
                    pending = p;
                    break;
                }
            }
            if (pending != null) {
                stack.push(pending);
            } else {
                stack.pop();
                visiting.remove(m.revision());
                done.add(m.revision());
                out.add(m);
            }
        }
    }
}
