package org.migrationportal.approvals.web;

import jakarta.validation.Valid;
import org.migrationportal.approvals.DecisionRefusedException;
import org.migrationportal.approvals.DeployGate;
import org.migrationportal.approvals.GateRequest;
import org.migrationportal.approvals.GateResponse;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The deploy gate: pipelines ask before applying migrations. Reason codes: docs/api-gate.md. */
@RestController
class GateApiController {

    private final DeployGate gate;

    GateApiController(DeployGate gate) {
        this.gate = gate;
    }

    @PostMapping("/api/v1/gate")
    @PreAuthorize("hasAuthority('SCOPE_gate:read')")
    GateResponse ask(@Valid @RequestBody GateRequest request, @AuthenticationPrincipal ApiTokenPrincipal caller) {
        return gate.decide(request, caller);
    }

    @ExceptionHandler(DecisionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(DecisionRefusedException refused) {
        return ApprovalApiController.Problems.forbidden(refused.getMessage());
    }
}
