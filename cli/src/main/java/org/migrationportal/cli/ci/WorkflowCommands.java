package org.migrationportal.cli.ci;

import java.io.PrintStream;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…::message}): the runner turns them into
 * annotations on the pull request's diff. Values are escaped as the runner expects.
 */
public final class WorkflowCommands {

    /** GitHub shows at most 10 errors and 10 warnings per step; more only fill the log. */
    static final int LIMIT = 50;

    private WorkflowCommands() {}

    public static void annotate(List<CiFinding> findings, PrintStream out) {
        int shown = 0;
        for (CiFinding f : findings) {
            if (shown++ == LIMIT) {
                out.println("::notice::"
                        + escapeData((findings.size() - LIMIT)
                                + " more findings; see the SARIF or the portal for all of them"));
                return;
            }
            out.println(command(f));
        }
    }

    static String command(CiFinding f) {
        String kind = switch (f.level()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
        StringBuilder properties = new StringBuilder();
        if (f.file() != null) {
            properties.append(" file=").append(escapeProperty(f.file()));
            if (f.line() > 0) {
                properties.append(",line=").append(f.line());
            }
            properties.append(",title=").append(escapeProperty(f.ruleId()));
        } else {
            properties.append(" title=").append(escapeProperty(f.ruleId()));
        }
        return "::" + kind + properties + "::" + escapeData(f.message());
    }

    /** A plain error annotation with a title and no file. */
    public static String error(String title, String message) {
        return "::error title=" + escapeProperty(title) + "::" + escapeData(message);
    }

    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
