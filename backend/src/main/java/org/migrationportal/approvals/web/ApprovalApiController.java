package org.migrationportal.approvals.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.migrationportal.approvals.ApprovalRequestView;
import org.migrationportal.approvals.ApprovalRequests;
import org.migrationportal.approvals.Decider;
import org.migrationportal.approvals.DecisionRefusedException;
import org.migrationportal.approvals.NewApprovalRequest;
import org.migrationportal.identity.ApiTokenKind;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.TokenScope;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval requests over the API. Reading: personal tokens, and project tokens with {@code read} for their
 * own project. Deciding: personal tokens only (a person decides, never a pipeline).
 */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalApiController {

    private final ApprovalRequests approvals;

    ApprovalApiController(ApprovalRequests approvals) {
        this.approvals = approvals;
    }

    record DecisionBody(
            @NotBlank @Pattern(regexp = "approve|reject", message = "must be approve or reject")
            String decision,

            @NotBlank @Size(max = 4000) String comment) {}

    record OpenBody(
            @NotBlank @Size(max = 100) String project,
            @NotBlank @Size(max = 100) String environment,
            @Size(max = MAX_REVISIONS) List<@NotBlank @Size(max = 128) String> revisions,
            @NotBlank @Size(max = 4000) String reason) {}

    /** One request covers a release's migrations, not a history: a longer list is refused before any lookup. */
    static final int MAX_REVISIONS = 500;

    @GetMapping
    List<ApprovalRequestView> list(
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String status,
            @AuthenticationPrincipal ApiTokenPrincipal caller) {
        if (caller.kind() == ApiTokenKind.PROJECT) {
            if (project == null || project.isBlank()) {
                project = caller.projectKey();
            }
            requireRead(caller, project);
            if (environment != null && !environment.isBlank() && !caller.allowsEnvironment(environment)) {
                throw new AccessDeniedException("project token not allowed for environment " + environment);
            }
        }
        // An environment-restricted token lists its environments' requests only.
        return approvals.list(project, environment, status).stream()
                .filter(request -> caller.allowsEnvironment(request.environment()))
                .toList();
    }

    @GetMapping("/{id}")
    ApprovalRequestView get(@PathVariable long id, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        ApprovalRequestView view = approvals.get(id);
        if (caller.kind() == ApiTokenKind.PROJECT) {
            requireRead(caller, view.project());
            if (!caller.allowsEnvironment(view.environment())) {
                throw new AccessDeniedException("project token not allowed for environment " + view.environment());
            }
        }
        return view;
    }

    @PostMapping
    ResponseEntity<ApprovalRequestView> open(
            @Valid @RequestBody OpenBody body, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        requirePerson(caller);
        ApprovalRequestView opened = approvals.open(
                new NewApprovalRequest(body.project(), body.environment(), body.revisions(), body.reason()),
                caller.username(),
                "api");
        return ResponseEntity.created(URI.create("/api/v1/approvals/" + opened.id()))
                .body(opened);
    }

    @PostMapping("/{id}/decisions")
    ResponseEntity<?> decide(
            @PathVariable long id,
            @Valid @RequestBody DecisionBody body,
            @AuthenticationPrincipal ApiTokenPrincipal caller,
            Authentication authentication) {
        requirePerson(caller);
        if (!caller.has(TokenScope.APPROVALS_DECIDE) || !caller.issuedAfterReauthentication()) {
            return reauthenticationRequired();
        }
        Set<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return ResponseEntity.ok(approvals.decide(
                id, new Decider(caller.username(), authorities, "api"), body.decision(), body.comment()));
    }

    /** A decision through the API needs a token issued right after its user confirmed their password. */
    private static ResponseEntity<ProblemDetail> reauthenticationRequired() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "Deciding an approval needs a personal token with the approvals:decide scope issued within "
                        + ApiTokens.REAUTHENTICATION_WINDOW.toMinutes()
                        + " minutes of confirming your password: issue one on your profile page.");
        problem.setType(URI.create("/problems/reauthentication-required"));
        problem.setTitle("Re-authentication required");
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(DecisionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(DecisionRefusedException refused) {
        return Problems.forbidden(refused.getMessage());
    }

    private static void requirePerson(ApiTokenPrincipal caller) {
        if (caller.kind() != ApiTokenKind.PERSONAL) {
            throw new DecisionRefusedException("Only a person may do this: use a personal token.");
        }
    }

    private static void requireRead(ApiTokenPrincipal caller, String project) {
        if (!caller.allowsProject(project) || !caller.has(TokenScope.READ)) {
            throw new AccessDeniedException("project token without read on " + project);
        }
    }

    /** 403 problems that carry the domain's explanation. */
    static final class Problems {
        static ResponseEntity<ProblemDetail> forbidden(String detail) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
            problem.setType(URI.create("/problems/forbidden"));
            problem.setTitle("Forbidden");
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }
}
