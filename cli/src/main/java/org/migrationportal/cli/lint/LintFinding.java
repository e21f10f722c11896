package org.migrationportal.cli.lint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One lint finding in the CI run's {@code checks[].findings[]} shape; file and line only for mapping. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rule", "severity", "revision", "message"})
public record LintFinding(
        String rule,
        String severity,
        String revision,
        String message,
        @JsonIgnore String tool,
        @JsonIgnore String file,
        @JsonIgnore int line) {

    public LintFinding withRevision(String newRevision) {
        return new LintFinding(rule, severity, newRevision, message, tool, file, line);
    }
}
