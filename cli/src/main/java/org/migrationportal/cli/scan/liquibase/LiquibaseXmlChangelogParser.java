package org.migrationportal.cli.scan.liquibase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrationportal.cli.manifest.ScanProblem;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Reads an XML changelog into changesets and includes. */
final class LiquibaseXmlChangelogParser {

    /** Children of a changeSet that are not changes. */
    private static final Set<String> NOT_CHANGES =
            Set.of("comment", "preConditions", "rollback", "validCheckSum", "modifySql");

    private LiquibaseXmlChangelogParser() {}

    static ParsedChangelog parse(byte[] bytes, String file) {
        List<ChangelogEntry> entries = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        XmlElement root;
        try {
            root = XmlElement.parse(bytes);
        } catch (SAXParseException e) {
            problems.add(ScanProblem.error(file, Math.max(e.getLineNumber(), 1), "XML: " + e.getMessage()));
            return new ParsedChangelog(entries, problems);
        } catch (SAXException | IOException e) {
            problems.add(ScanProblem.error(file, 1, "XML: " + e.getMessage()));
            return new ParsedChangelog(entries, problems);
        }
        if (root == null || !root.name().equals("databaseChangeLog")) {
            problems.add(
                    ScanProblem.error(file, 1, "not a Liquibase changelog (root element is not databaseChangeLog)"));
            return new ParsedChangelog(entries, problems);
        }
        for (XmlElement child : root.children()) {
            switch (child.name()) {
                case "changeSet" -> entries.add(new ChangelogEntry.ChangeSetEntry(changeSet(child, file, problems)));
                case "include" ->
                    entries.add(new ChangelogEntry.Include(
                            child.attribute("file"),
                            "true".equalsIgnoreCase(child.attribute("relativeToChangelogFile")),
                            false,
                            child.line()));
                case "includeAll" ->
                    entries.add(new ChangelogEntry.Include(
                            child.attribute("path"),
                            "true".equalsIgnoreCase(child.attribute("relativeToChangelogFile")),
                            true,
                            child.line()));
                case "property" -> {
                    if (child.attribute("name") != null && child.attribute("value") != null) {
                        entries.add(new ChangelogEntry.Property(
                                child.attribute("name"), child.attribute("value"), child.attribute("dbms")));
                    }
                }
                default -> {} // preConditions, …: no migration
            }
        }
        return new ParsedChangelog(entries, problems);
    }

    private static LiquibaseChangeSet changeSet(XmlElement cs, String file, List<ScanProblem> problems) {
        String id = cs.attribute("id");
        String author = cs.attribute("author");
        if (id == null || author == null) {
            problems.add(ScanProblem.error(file, cs.line(), "changeSet without id or author"));
        }
        List<LiquibaseChange> changes = new ArrayList<>();
        for (XmlElement child : cs.children()) {
            if (!NOT_CHANGES.contains(child.name())) {
                changes.add(change(child));
            }
        }
        List<XmlElement> rollbacks = cs.children("rollback");
        LiquibaseChangeSet.Rollback rollback = LiquibaseChangeSet.Rollback.ABSENT;
        if (!rollbacks.isEmpty()) {
            boolean written = rollbacks.stream()
                    .anyMatch(r -> !r.children().isEmpty()
                            || !r.textContent().isBlank()
                            || r.attribute("changeSetId") != null);
            rollback = written ? LiquibaseChangeSet.Rollback.WRITTEN : LiquibaseChangeSet.Rollback.EMPTY;
        }
        List<String> contexts = new ArrayList<>(MarkerLists.split(cs.attribute("context")));
        contexts.addAll(MarkerLists.split(cs.attribute("contexts")));
        contexts.addAll(MarkerLists.split(cs.attribute("contextFilter")));
        String comment = cs.children("comment").stream()
                .map(c -> c.textContent().strip())
                .findFirst()
                .orElse(null);
        return new LiquibaseChangeSet(
                id,
                author,
                file,
                cs.line(),
                changes,
                rollback,
                !"false".equalsIgnoreCase(cs.attribute("runInTransaction")),
                MarkerLists.split(cs.attribute("labels")),
                contexts,
                comment,
                new LiquibaseChangeSet.Conditions(
                        cs.attribute("dbms"),
                        cs.attribute("contextFilter") != null ? cs.attribute("contextFilter") : cs.attribute("context"),
                        cs.attribute("labels")),
                sqlVisitorChecksums(cs));
    }

    /** {@code <modifySql applyToRollback="…"><replace replace="…" with="…"/></modifySql>}, in order. */
    private static List<String> sqlVisitorChecksums(XmlElement cs) {
        List<String> checksums = new ArrayList<>();
        for (XmlElement modifySql : cs.children("modifySql")) {
            boolean applyToRollback = "true".equalsIgnoreCase(modifySql.attribute("applyToRollback"));
            for (XmlElement visitor : modifySql.children()) {
                checksums.add(LiquibaseChecksum.ofSqlVisitor(visitor.name(), visitor.attributes(), applyToRollback));
            }
        }
        return checksums;
    }

    private static LiquibaseChange change(XmlElement e) {
        Map<String, String> attributes = new LinkedHashMap<>(e.attributes());
        List<String> columns = new ArrayList<>();
        boolean hasWhere = false;
        for (XmlElement child : e.children()) {
            if (child.name().equals("column") && child.attribute("name") != null) {
                columns.add(child.attribute("name"));
            }
            if (child.name().equals("where") && !child.textContent().isBlank()) {
                hasWhere = true;
            }
        }
        return new LiquibaseChange(
                e.name(), attributes, columns, e.textContent(), hasWhere, e.line(), ChangeFields.fromXml(e));
    }
}
