package org.migrationportal.approvals;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApprovalDecisionRepository extends JpaRepository<ApprovalDecision, Long> {

    List<ApprovalDecision> findByRequestIdOrderByDecidedAtAscIdAsc(long requestId);

    List<ApprovalDecision> findByRequestIdInOrderByDecidedAtAscIdAsc(Collection<Long> requestIds);

    boolean existsByRequestIdAndDecidedBy(long requestId, String decidedBy);
}
