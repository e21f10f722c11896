package org.migrationportal.approvals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.migrationportal.compliance.EvidenceRef;

/**
 * The gate's answer (shape: api-examples/gate-response-deny.json). In {@code advisory} mode the decision is
 * {@code allow} and the reasons are warnings. {@code emergency} and {@code reviewId} appear only for break-glass.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateResponse(
        long id,
        String decision,
        String mode,
        List<Reason> reasons,
        Integer policyVersion,
        Boolean emergency,
        Long reviewId) {

    /**
     * One reason per code: when several revisions fail the same way, {@code count} says how many and
     * {@code details} holds every one of their messages (both absent for a single one).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(String code, String message, List<EvidenceRef> evidence, Integer count, List<String> details) {

        public Reason(String code, String message, List<EvidenceRef> evidence) {
            this(code, message, evidence, null, null);
        }
    }
}
