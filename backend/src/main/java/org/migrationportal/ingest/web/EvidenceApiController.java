package org.migrationportal.ingest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import java.util.function.Function;
import org.migrationportal.identity.ApiAccess;
import org.migrationportal.identity.ApiTokenKind;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.migrationportal.ingest.BackupSubmission;
import org.migrationportal.ingest.BackupView;
import org.migrationportal.ingest.CiRunDetail;
import org.migrationportal.ingest.CiRunSubmission;
import org.migrationportal.ingest.CiRunSummary;
import org.migrationportal.ingest.DeploymentSubmission;
import org.migrationportal.ingest.DeploymentView;
import org.migrationportal.ingest.DriftReportSubmission;
import org.migrationportal.ingest.DriftReportView;
import org.migrationportal.ingest.EvidenceFilter;
import org.migrationportal.ingest.EvidenceLedger;
import org.migrationportal.ingest.EvidencePage;
import org.migrationportal.ingest.EvidenceQueries;
import org.migrationportal.ingest.IngestSource;
import org.migrationportal.ingest.Receipt;
import org.migrationportal.shared.NotFoundException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ingest API. Posting needs the scope in the method's {@code @PreAuthorize} and a token of the named
 * project (and, for environment-scoped evidence, one allowed for that environment). A new item is 201,
 * a repeat of a stored one is 200 with the original id.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ingest", description = "Evidence posted by pipelines: CI runs, deployments, backups, drift reports")
class EvidenceApiController {

    private final EvidenceLedger ledger;
    private final EvidenceQueries queries;
    private final ApiAccess access;

    EvidenceApiController(EvidenceLedger ledger, EvidenceQueries queries, ApiAccess access) {
        this.ledger = ledger;
        this.queries = queries;
        this.access = access;
    }

    // ---------------------------------------------------------------- posts

    @PostMapping("/ci-runs")
    @PreAuthorize("hasAuthority('SCOPE_ci:write')")
    @Operation(summary = "Record a CI run and its migration manifest (scope ci:write)")
    ResponseEntity<Receipt> postCiRun(
            @Valid @RequestBody CiRunSubmission run, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        requireProject(caller, run.project());
        return answer(ledger.recordCiRun(run, new IngestSource(caller.tokenId(), false)));
    }

    @PostMapping("/deployments")
    @PreAuthorize("hasAuthority('SCOPE_deploy:write')")
    @Operation(summary = "Record a deployment event (scope deploy:write, token allowed for the environment)")
    ResponseEntity<Receipt> postDeployment(
            @Valid @RequestBody DeploymentSubmission event, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        requireEnvironment(caller, event.project(), event.environment());
        return answer(ledger.recordDeployment(
                event, new IngestSource(caller.tokenId(), caller.isRestrictedTo(event.environment()))));
    }

    @PostMapping("/backups")
    @PreAuthorize("hasAuthority('SCOPE_backup:write')")
    @Operation(summary = "Record a backup of an environment's database (scope backup:write)")
    ResponseEntity<Receipt> postBackup(
            @Valid @RequestBody BackupSubmission backup, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        requireEnvironment(caller, backup.project(), backup.environment());
        return answer(ledger.recordBackup(
                backup, new IngestSource(caller.tokenId(), caller.isRestrictedTo(backup.environment()))));
    }

    @PostMapping("/drift-reports")
    @PreAuthorize("hasAnyAuthority('SCOPE_ci:write', 'SCOPE_deploy:write')")
    @Operation(summary = "Record a drift check of an environment (scope ci:write or deploy:write)")
    ResponseEntity<Receipt> postDriftReport(
            @Valid @RequestBody DriftReportSubmission report, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        requireEnvironment(caller, report.project(), report.environment());
        return answer(ledger.recordDriftReport(
                report, new IngestSource(caller.tokenId(), caller.isRestrictedTo(report.environment()))));
    }

    // ---------------------------------------------------------------- reads

    @GetMapping("/ci-runs")
    @Operation(
            summary =
                    "List CI runs (status: passed, failed, skipped, none; environment: runs of commits deployed there)")
    EvidencePage<CiRunSummary> ciRuns(Authentication caller, @ParameterObject @Valid EvidenceListParameters query) {
        return queries.ciRuns(filter(caller, query));
    }

    @GetMapping("/ci-runs/{id}")
    @Operation(summary = "One CI run with checks, findings, reviews and manifest")
    CiRunDetail ciRun(Authentication caller, @PathVariable long id) {
        return readable(
                caller,
                queries.ciRun(id).orElseThrow(() -> notFound("CI run", id)),
                d -> d.run().projectKey());
    }

    @GetMapping("/deployments")
    @Operation(summary = "List deployments (status: started, succeeded, failed, rolled_back)")
    EvidencePage<DeploymentView> deployments(
            Authentication caller, @ParameterObject @Valid EvidenceListParameters query) {
        return queries.deployments(filter(caller, query));
    }

    @GetMapping("/deployments/{id}")
    @Operation(summary = "One deployment with its status events")
    DeploymentView deployment(Authentication caller, @PathVariable long id) {
        return readable(
                caller,
                queries.deployment(id).orElseThrow(() -> notFound("Deployment", id)),
                DeploymentView::projectKey,
                DeploymentView::environmentKey);
    }

    @GetMapping("/backups")
    @Operation(summary = "List backups (status: verified, unverified)")
    EvidencePage<BackupView> backups(Authentication caller, @ParameterObject @Valid EvidenceListParameters query) {
        return queries.backups(filter(caller, query));
    }

    @GetMapping("/backups/{id}")
    @Operation(summary = "One backup")
    BackupView backup(Authentication caller, @PathVariable long id) {
        return readable(
                caller,
                queries.backup(id).orElseThrow(() -> notFound("Backup", id)),
                BackupView::projectKey,
                BackupView::environmentKey);
    }

    @GetMapping("/drift-reports")
    @Operation(summary = "List drift reports (status: drifted, clean)")
    EvidencePage<DriftReportView> driftReports(
            Authentication caller, @ParameterObject @Valid EvidenceListParameters query) {
        return queries.driftReports(filter(caller, query));
    }

    @GetMapping("/drift-reports/{id}")
    @Operation(summary = "One drift report")
    DriftReportView driftReport(Authentication caller, @PathVariable long id) {
        return readable(
                caller,
                queries.driftReport(id).orElseThrow(() -> notFound("Drift report", id)),
                DriftReportView::projectKey,
                DriftReportView::environmentKey);
    }

    // ---------------------------------------------------------------- rules

    private static void requireProject(ApiTokenPrincipal caller, String project) {
        if (caller.kind() != ApiTokenKind.PROJECT || !caller.allowsProject(project)) {
            throw new AccessDeniedException("This token may not post evidence for project '" + project + "'.");
        }
    }

    private static void requireEnvironment(ApiTokenPrincipal caller, String project, String environment) {
        requireProject(caller, project);
        if (!caller.allowsEnvironment(environment)) {
            throw new AccessDeniedException("This token may not post evidence for environment '" + environment + "'.");
        }
    }

    /** A project token lists its own project (with the read scope); personal and bootstrap tokens list any. */
    private EvidenceFilter filter(Authentication caller, EvidenceListParameters query) {
        String effective = query.project();
        if (effective == null
                && caller.getPrincipal() instanceof ApiTokenPrincipal token
                && token.kind() == ApiTokenKind.PROJECT) {
            effective = token.projectKey();
        }
        if (effective != null && !access.mayReadProject(caller, effective)) {
            throw new AccessDeniedException("This token may not read project '" + effective + "'.");
        }
        Set<String> readable = access.readableEnvironments(caller);
        if (query.environment() != null && readable != null && !readable.contains(query.environment())) {
            throw new AccessDeniedException("This token may not read environment '" + query.environment() + "'.");
        }
        return new EvidenceFilter(
                effective,
                query.environment(),
                query.status(),
                query.from() == null ? null : query.from().toInstant(),
                query.to() == null ? null : query.to().toInstant(),
                query.page(),
                query.size(),
                readable);
    }

    private <T> T readable(Authentication caller, T view, Function<T, String> projectOf) {
        if (!access.mayReadProject(caller, projectOf.apply(view))) {
            throw new AccessDeniedException("This token may not read project '" + projectOf.apply(view) + "'.");
        }
        return view;
    }

    /** Evidence of one environment: an environment-restricted token reads only its own environments. */
    private <T> T readable(
            Authentication caller, T view, Function<T, String> projectOf, Function<T, String> environmentOf) {
        readable(caller, view, projectOf);
        if (!access.mayReadEnvironment(caller, projectOf.apply(view), environmentOf.apply(view))) {
            throw new AccessDeniedException("This token may not read environment '" + environmentOf.apply(view) + "'.");
        }
        return view;
    }

    private static NotFoundException notFound(String what, long id) {
        return new NotFoundException(what + " " + id + " does not exist.");
    }

    private static ResponseEntity<Receipt> answer(Receipt receipt) {
        return receipt.created()
                ? ResponseEntity.created(URI.create(receipt.href())).body(receipt)
                : ResponseEntity.status(HttpStatus.OK).body(receipt);
    }
}
