package org.migrationportal.cli.ci;

/** One-line descriptions of the CLI's own finding rules; a linter's rule ids are shown as they are. */
final class RuleTexts {

    private RuleTexts() {}

    static String describe(String ruleId) {
        return switch (ruleId) {
            case "destructive-operation" -> "Destructive schema change: needs approval and a backup before production";
            case "lock-taking-operation" -> "Schema change that holds a blocking lock while it runs";
            case "parse-error" -> "The migration could not be read";
            case "scan-warning" -> "The scanner could not classify everything in this migration";
            default -> ruleId;
        };
    }
}
