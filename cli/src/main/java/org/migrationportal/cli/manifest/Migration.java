package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One migration of the manifest, exactly in the shape of {@code migrations[]} in the CI run API. The
 * source file and line are kept for lint mapping and messages but never sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "revision",
    "parents",
    "description",
    "author",
    "checksum",
    "downgrade",
    "transactional",
    "phase",
    "expandRevision",
    "operations"
})
public record Migration(
        String revision,
        List<String> parents,
        String description,
        String author,
        String checksum,
        DowngradeKind downgrade,
        boolean transactional,
        Phase phase,
        String expandRevision,
        List<Operation> operations,
        @JsonIgnore String sourceFile,
        @JsonIgnore int sourceLine) {

    public Migration {
        parents = List.copyOf(parents);
        operations = List.copyOf(operations);
    }

    public Migration withParents(List<String> newParents) {
        return new Migration(
                revision,
                newParents,
                description,
                author,
                checksum,
                downgrade,
                transactional,
                phase,
                expandRevision,
                operations,
                sourceFile,
                sourceLine);
    }

    public Migration withRevision(String newRevision) {
        return new Migration(
                newRevision,
                parents,
                description,
                author,
                checksum,
                downgrade,
                transactional,
                phase,
                expandRevision,
                operations,
                sourceFile,
                sourceLine);
    }
}
