package org.migrationportal.cli.scan.liquibase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migrationportal.cli.manifest.ScanProblem;

/**
 * Reads "formatted SQL" changelogs ({@code --liquibase formatted sql}, {@code --changeset author:id
 * attr:value…}, {@code --rollback …}, {@code --comment: …}) and plain SQL files pulled in by
 * {@code includeAll}, which Liquibase runs as one changeset each.
 */
final class LiquibaseFormattedSqlParser {

    static final Pattern HEADER =
            Pattern.compile("^\\s*--\\s*liquibase\\s+formatted\\s+sql\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET =
            Pattern.compile("^\\s*--\\s*changeset\\s+([^:\\s]+):(\\S+)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)");
    private static final Pattern ROLLBACK = Pattern.compile("^\\s*--\\s*rollback\\b(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_BLOCK_START =
            Pattern.compile("^\\s*/\\*\\s*liquibase\\s+rollback\\b(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("^\\s*--\\s*comment:?\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern INCLUDE =
            Pattern.compile("^\\s*--\\s*include(All)?\\s+(?:file|path):(\\S+)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IGNORED_DIRECTIVE = Pattern.compile(
            "^\\s*--\\s*(precondition[\\w-]*|validCheckSum|ignoreLines|property)\\b.*$", Pattern.CASE_INSENSITIVE);

    private LiquibaseFormattedSqlParser() {}

    static boolean isFormatted(String text) {
        return text.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .map(l -> HEADER.matcher(l).find())
                .orElse(false);
    }

    /** A plain SQL file is one changeset; Liquibase names it "raw" by "includeAll". */
    static ParsedChangelog parseRaw(String text, String file) {
        LiquibaseChange sql = new LiquibaseChange("sql", Map.of(), List.of(), text, false, 1, Map.of());
        LiquibaseChangeSet cs = new LiquibaseChangeSet(
                "raw",
                "includeAll",
                file,
                1,
                List.of(sql),
                LiquibaseChangeSet.Rollback.ABSENT,
                true,
                List.of(),
                List.of(),
                null,
                LiquibaseChangeSet.Conditions.NONE,
                List.of());
        return new ParsedChangelog(List.of(new ChangelogEntry.ChangeSetEntry(cs)), List.of());
    }

    static ParsedChangelog parse(String text, String file) {
        List<ChangelogEntry> entries = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Builder current = null;
        boolean inRollbackBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (inRollbackBlock) {
                int end = line.indexOf("*/");
                current.rollback
                        .append(end >= 0 ? line.substring(0, end) : line)
                        .append('\n');
                inRollbackBlock = end < 0;
                continue;
            }
            Matcher m;
            if (HEADER.matcher(line).find()) {
                continue;
            }
            if ((m = CHANGESET.matcher(line)).find()) {
                if (current != null) {
                    entries.add(current.build());
                }
                current = new Builder(m.group(1), m.group(2), file, lineNo);
                Matcher a = ATTRIBUTE.matcher(m.group(3));
                while (a.find()) {
                    current.attributes.put(a.group(1), a.group(2).replace("\"", ""));
                }
                continue;
            }
            if ((m = INCLUDE.matcher(line)).find()) {
                boolean relative = m.group(3).matches(".*relativeToChangelogFile:true.*");
                entries.add(new ChangelogEntry.Include(m.group(2), relative, m.group(1) != null, lineNo));
                continue;
            }
            if (current == null) {
                if (!line.isBlank() && !line.strip().startsWith("--")) {
                    problems.add(ScanProblem.error(
                            file, lineNo, "SQL before the first --changeset is ignored by Liquibase"));
                }
                continue;
            }
            if ((m = ROLLBACK.matcher(line)).find()) {
                current.hasRollback = true;
                current.rollback.append(m.group(1)).append('\n');
            } else if ((m = ROLLBACK_BLOCK_START.matcher(line)).find()) {
                current.hasRollback = true;
                String rest = m.group(1);
                int end = rest.indexOf("*/");
                current.rollback
                        .append(end >= 0 ? rest.substring(0, end) : rest)
                        .append('\n');
                inRollbackBlock = end < 0;
            } else if (IGNORED_DIRECTIVE.matcher(line).find()) {
                continue; // preconditions, validCheckSum…: not part of the changeset's SQL
            } else if ((m = COMMENT.matcher(line)).find() && line.matches("(?i)^\\s*--\\s*comment\\b.*")) {
                current.comment = m.group(1).strip();
            } else {
                current.appendSql(line, lineNo);
            }
        }
        if (current != null) {
            entries.add(current.build());
        }
        return new ParsedChangelog(entries, problems);
    }

    private static final class Builder {
        final String author;
        final String id;
        final String file;
        final int line;
        final Map<String, String> attributes = new HashMap<>();
        final StringBuilder sql = new StringBuilder();
        final StringBuilder rollback = new StringBuilder();
        int sqlFirstLine;
        boolean hasRollback;
        String comment;

        Builder(String author, String id, String file, int line) {
            this.author = author;
            this.id = id;
            this.file = file;
            this.line = line;
        }

        void appendSql(String text, int lineNo) {
            if (sqlFirstLine == 0) {
                if (text.isBlank()) {
                    return;
                }
                sqlFirstLine = lineNo;
            }
            sql.append(text).append('\n');
        }

        ChangelogEntry build() {
            LiquibaseChangeSet.Rollback kind = LiquibaseChangeSet.Rollback.ABSENT;
            if (hasRollback) {
                String r = rollback.toString().strip();
                // "--rollback empty" (or a bare --rollback) is Liquibase's way to say "nothing to undo".
                kind = r.isEmpty() || r.equalsIgnoreCase("empty")
                        ? LiquibaseChangeSet.Rollback.EMPTY
                        : LiquibaseChangeSet.Rollback.WRITTEN;
            }
            List<String> contexts = new ArrayList<>(MarkerLists.split(attributes.get("context")));
            contexts.addAll(MarkerLists.split(attributes.get("contextFilter")));
            LiquibaseChange change = new LiquibaseChange(
                    "sql",
                    Map.of(),
                    List.of(),
                    sql.toString(),
                    false,
                    sqlFirstLine == 0 ? line : sqlFirstLine,
                    Map.of());
            return new ChangelogEntry.ChangeSetEntry(new LiquibaseChangeSet(
                    id,
                    author,
                    file,
                    line,
                    List.of(change),
                    kind,
                    !"false".equalsIgnoreCase(attributes.get("runInTransaction")),
                    MarkerLists.split(attributes.get("labels")),
                    contexts,
                    comment,
                    new LiquibaseChangeSet.Conditions(
                            attributes.get("dbms"),
                            attributes.getOrDefault("contextFilter", attributes.get("context")),
                            attributes.get("labels")),
                    List.of()));
        }
    }
}
