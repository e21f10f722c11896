package org.migrationportal.cli.ci;

import java.util.List;

/**
 * JUnit XML (the Ant/Surefire shape that GitLab's {@code artifacts:reports:junit}, Jenkins and most test
 * report actions read): one test suite per gate answer, one test case per reason, failed on a deny.
 */
public final class JUnitReport {

    /** One reason of the gate's answer. */
    public record Case(String name, String message, String details, boolean failed) {}

    private JUnitReport() {}

    public static String of(String suite, List<Case> cases, double seconds) {
        long failures = cases.stream().filter(Case::failed).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"portal\" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\">\n");
        xml.append("  <testsuite name=\"")
                .append(escape(suite))
                .append("\" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds))
                .append("\">\n");
        for (Case c : cases) {
            xml.append("    <testcase classname=\"")
                    .append(escape(suite))
                    .append("\" name=\"")
                    .append(escape(c.name()))
                    .append("\" time=\"0\"");
            if (c.failed()) {
                xml.append(">\n      <failure type=\"")
                        .append(escape(c.name()))
                        .append("\" message=\"")
                        .append(escape(c.message()))
                        .append("\">")
                        .append(escape(c.details()))
                        .append("</failure>\n    </testcase>\n");
            } else if (c.details() != null && !c.details().isBlank()) {
                xml.append(">\n      <system-out>")
                        .append(escape(c.details()))
                        .append("</system-out>\n    </testcase>\n");
            } else {
                xml.append("/>\n");
            }
        }
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    /** XML 1.0 text: the five entities, and characters XML cannot carry dropped. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = cp == 0x9
                            || cp == 0xA
                            || cp == 0xD
                            || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD)
                            || cp >= 0x10000;
                    if (allowed) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
