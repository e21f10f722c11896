package org.migrationportal.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.migrationportal.compliance.checklist.Checklist;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The seed document ("Migration Workflow Analysis vs Industry Best Practices") generated from live data:
 * the checklist table, strategic choices derived from the policies in force, and recommended enhancements
 * derived from the failing and warning items with counts. One model, rendered as Markdown or HTML.
 */
@Service
public class AnalysisReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public record Row(
            String key,
            String practice,
            String standard,
            String implementation,
            String status,
            String icon,
            List<String> environmentStatuses) {}

    public record Choice(String title, String standard, String approach, String benefit, String tradeOff) {}

    public record Enhancement(
            String title,
            String recommendation,
            int failing,
            int warning,
            List<String> environments,
            String evidence) {}

    public record Report(
            ProjectView project,
            Instant generatedAt,
            List<Row> checklist,
            List<Choice> choices,
            List<Enhancement> enhancements) {}

    private final ProjectCatalog projects;
    private final ComplianceDashboard dashboard;
    private final PolicyBook policies;
    private final MessageSource messages;
    private final Clock clock;

    AnalysisReport(
            ProjectCatalog projects,
            ComplianceDashboard dashboard,
            PolicyBook policies,
            MessageSource messages,
            Clock clock) {
        this.projects = projects;
        this.dashboard = dashboard;
        this.policies = policies;
        this.messages = messages;
        this.clock = clock;
    }

    public Report build(String projectKey) {
        ProjectView project = projects.get(projectKey);
        List<EnvironmentCompliance> environments = dashboard.project(projectKey).stream()
                .sorted(Comparator.comparingInt(c -> project.environment(c.environment())
                        .map(EnvironmentView::order)
                        .orElse(0)))
                .toList();
        List<Row> rows = new ArrayList<>();
        List<Enhancement> enhancements = new ArrayList<>();
        char letter = 'A';
        for (String key : Checklist.KEYS) {
            ItemStatus worst = null;
            String worstEnvironment = null;
            List<String> perEnvironment = new ArrayList<>();
            List<String> failingIn = new ArrayList<>();
            List<String> warningIn = new ArrayList<>();
            for (EnvironmentCompliance c : environments) {
                ItemStatus item = c.item(key);
                if (item == null) {
                    continue;
                }
                perEnvironment.add(c.environment() + " " + icon(item.status()));
                if ("fail".equals(item.status())) {
                    failingIn.add(c.environment());
                } else if ("warn".equals(item.status())) {
                    warningIn.add(c.environment());
                }
                if (worst == null || rank(item.status()) > rank(worst.status())) {
                    worst = item;
                    worstEnvironment = c.environment();
                }
            }
            String status = worst == null ? "unknown" : worst.status();
            String implementation = worst == null ? "Not evaluated yet." : worstEnvironment + ": " + worst.reason();
            rows.add(new Row(
                    key,
                    msg("item." + key + ".practice"),
                    msg("item." + key + ".standard"),
                    implementation,
                    status,
                    icon(status),
                    perEnvironment));
            if (!failingIn.isEmpty() || !warningIn.isEmpty()) {
                List<String> names = new ArrayList<>(failingIn);
                names.addAll(warningIn);
                enhancements.add(new Enhancement(
                        letter++ + ". " + msg("item." + key + ".practice"),
                        msg("recommend." + key),
                        failingIn.size(),
                        warningIn.size(),
                        names,
                        implementation));
            }
        }
        return new Report(project, clock.instant(), rows, choices(project), enhancements);
    }

    private List<Choice> choices(ProjectView project) {
        EnvironmentView reference = project.environments().stream()
                .filter(EnvironmentView::production)
                .findFirst()
                .orElse(project.environments().stream()
                        .max(Comparator.comparingInt(EnvironmentView::order))
                        .orElse(null));
        if (reference == null) {
            return List.of();
        }
        EnvironmentPolicy p = policies.policyFor(reference);
        String env = reference.key();
        List<Choice> choices = new ArrayList<>();
        boolean driftInCi = p.requiredChecks().contains("drift");
        choices.add(new Choice(
                "A. Manual Fixes Over Auto-Fixes",
                "CI fails on drift; developers fix locally and push.",
                (driftInCi
                                ? "CI must pass the `drift` check before a commit may deploy"
                                : "CI does not require a `drift` check")
                        + "; drift reports of " + env + " older than "
                        + p.driftMaxAge().toDays() + " days warn, and a drifted "
                        + env + " fails the checklist" + (p.advisory() ? "." : " and blocks the deploy gate."),
                "No automated commits to " + project.defaultBranch() + "; every schema change is a reviewed migration.",
                "Requires disciplined migration review (" + p.reviewsRequired() + " approving review"
                        + (p.reviewsRequired() == 1 ? "" : "s") + " by someone other than the author)."));
        choices.add(new Choice(
                "B. Expand/Contract for Breaking Changes",
                "Expand/contract to avoid downtime for schema changes.",
                "A contract migration may reach " + env
                        + " only after its expand was deployed there earlier; destructive steps need "
                        + p.approvalsRequired() + " approval" + (p.approvalsRequired() == 1 ? "" : "s")
                        + " (requests expire after "
                        + p.approvalExpiry().toDays() + " days).",
                "Safer deploys and backward compatibility across releases.",
                "More steps for schema changes."));
        choices.add(new Choice(
                "C. Gate Before Every Deploy",
                "Pipelines ask before they migrate production.",
                "The deploy gate of " + env + " runs in " + p.gateMode() + " mode; it requires CI checks "
                        + String.join(", ", p.requiredChecks()) + ", a backup within "
                        + p.backupWindow().toHours()
                        + " h before destructive changes, and success on the verifying environment (lock threshold "
                        + p.lockThresholdMs() + " ms).",
                p.advisory()
                        ? "Deploys are never blocked by the portal; problems show as warnings."
                        : "Unsafe deploys stop before they start.",
                p.advisory()
                        ? "A failing practice is reported, not prevented."
                        : "A missing piece of evidence blocks the pipeline until it is provided."));
        return choices;
    }

    public String markdown(String projectKey) {
        Report r = build(projectKey);
        StringBuilder md = new StringBuilder();
        md.append("# Migration Workflow Analysis vs Industry Best Practices — ")
                .append(r.project().name())
                .append("\n\n");
        md.append("This document compares the current ")
                .append(r.project().migrationTool())
                .append(" workflow of `")
                .append(r.project().key())
                .append("` against industry standards for database schema management. Generated ")
                .append(TIME.format(r.generatedAt()))
                .append(" from live evidence.\n\n");
        md.append("## 1. Compliance Checklist\n\n");
        md.append(
                "| Best Practice | Industry Standard | Our Implementation | Status |\n| :--- | :--- | :--- | :--- |\n");
        for (Row row : r.checklist()) {
            md.append("| **")
                    .append(cell(row.practice()))
                    .append("** | ")
                    .append(cell(row.standard()))
                    .append(" | ")
                    .append(cell(row.implementation()))
                    .append(" (")
                    .append(cell(String.join(", ", row.environmentStatuses())))
                    .append(") | ")
                    .append(row.icon())
                    .append(" |\n");
        }
        md.append("\n## 2. Strategic Choices\n");
        for (Choice c : r.choices()) {
            md.append("\n### ")
                    .append(c.title())
                    .append("\n**Standard**: ")
                    .append(c.standard())
                    .append("\n**Our Approach**: ")
                    .append(c.approach())
                    .append("\n- **Benefit**: ")
                    .append(c.benefit())
                    .append("\n- **Trade-off**: ")
                    .append(c.tradeOff())
                    .append("\n");
        }
        md.append("\n## 3. Recommended Enhancements\n");
        if (r.enhancements().isEmpty()) {
            md.append("\nNo failing or warning item: every practice holds in every environment.\n");
        }
        for (Enhancement e : r.enhancements()) {
            md.append("\n### ")
                    .append(e.title())
                    .append("\n*Recommendation*: ")
                    .append(e.recommendation())
                    .append("\n- Failing in ")
                    .append(e.failing())
                    .append(", warning in ")
                    .append(e.warning())
                    .append(" environment(s): ")
                    .append(String.join(", ", e.environments()))
                    .append("\n- Evidence: ")
                    .append(e.evidence())
                    .append("\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private String msg(String code) {
        return messages.getMessage(code, null, code, Locale.ENGLISH);
    }

    static String icon(String status) {
        return switch (status) {
            case "pass" -> "✅";
            case "warn" -> "⚠️";
            case "fail" -> "❌";
            default -> "❔";
        };
    }

    /** Worse is higher; an environment that cannot tell ("unknown") never outranks one that knows. */
    private static int rank(String status) {
        return switch (status) {
            case "fail" -> 3;
            case "warn" -> 2;
            case "pass" -> 1;
            default -> 0;
        };
    }
}
