package org.migrationportal.ingest.web;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;

/** The query parameters every evidence list accepts: filters and a page. */
record EvidenceListParameters(
        @Parameter(description = "Project key; a project token reads its own project by default")
        String project,

        @Parameter(description = "Environment key") String environment,

        @Parameter(description = "Status; the values depend on the list")
        String status,

        @Parameter(example = "2026-11-01T00:00:00Z") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        OffsetDateTime from,

        @Parameter(example = "2026-12-01T00:00:00Z") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        OffsetDateTime to,

        @Parameter(description = "Page number, from 0") @Min(0)
        Integer page,

        @Parameter(description = "Page size, 1 to 500 (default 50)") @Min(1) @Max(500)
        Integer size) {

    EvidenceListParameters {
        page = page == null ? 0 : page;
        size = size == null ? 50 : size;
    }
}
