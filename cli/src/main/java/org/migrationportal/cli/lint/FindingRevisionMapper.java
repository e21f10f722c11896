package org.migrationportal.cli.lint;

import java.util.ArrayList;
import java.util.List;
import org.migrationportal.cli.manifest.Migration;

/**
 * Attaches each finding to the revision whose file it is about. Paths are compared by trailing path
 * segments, since linters report paths relative to wherever they ran. When a file holds several
 * migrations (a Liquibase changelog), the finding's line picks the migration that starts at or before it.
 */
public final class FindingRevisionMapper {

    private FindingRevisionMapper() {}

    public static List<LintFinding> map(List<LintFinding> findings, List<Migration> migrations) {
        List<LintFinding> out = new ArrayList<>();
        for (LintFinding f : findings) {
            out.add(f.file() == null ? f : f.withRevision(revisionFor(f, migrations)));
        }
        return out;
    }

    private static String revisionFor(LintFinding f, List<Migration> migrations) {
        String best = null;
        int bestLine = -1;
        for (Migration m : migrations) {
            if (m.sourceFile() != null && samePath(f.file(), m.sourceFile())) {
                boolean lineFits = f.line() <= 0 || m.sourceLine() <= f.line();
                if (lineFits && m.sourceLine() >= bestLine) {
                    best = m.revision();
                    bestLine = m.sourceLine();
                }
            }
        }
        return best;
    }

    static boolean samePath(String reported, String scanned) {
        String a = reported.replace('\\', '/').replaceFirst("^\\./", "");
        String b = scanned.replace('\\', '/').replaceFirst("^\\./", "");
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }
}
