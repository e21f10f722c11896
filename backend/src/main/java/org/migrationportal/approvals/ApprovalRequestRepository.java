package org.migrationportal.approvals;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ApprovalRequestRepository extends JpaRepository<ApprovalRequest, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ApprovalRequest r where r.id = :id")
    Optional<ApprovalRequest> lockById(@Param("id") long id);

    @Query(
            "select distinct r from ApprovalRequest r join r.migrations m where r.environmentId = :environmentId"
                    + " and r.kind = :kind and r.status = :status and m.revision = :revision and m.checksum = :checksum order by r.id")
    List<ApprovalRequest> findCovering(
            @Param("environmentId") long environmentId,
            @Param("kind") String kind,
            @Param("status") String status,
            @Param("revision") String revision,
            @Param("checksum") String checksum);

    /** Every request or review of the environment that names one of the revisions, or reviews the gate decision (any status). */
    @Query(
            "select r from ApprovalRequest r where r.environmentId = :environmentId and (r.id in (select r2.id from ApprovalRequest r2"
                    + " join r2.migrations m where r2.environmentId = :environmentId and m.revision in :revisions)"
                    + " or r.gateDecisionId = :gateDecisionId) order by r.id")
    List<ApprovalRequest> findForDeployment(
            @Param("environmentId") long environmentId,
            @Param("revisions") Collection<String> revisions,
            @Param("gateDecisionId") long gateDecisionId);

    /** Locked: the CI-run and checksum-changed reactions may supersede the same request concurrently. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query(
            "select r from ApprovalRequest r where r.id in (select r2.id from ApprovalRequest r2 join r2.migrations m where r2.projectId = :projectId"
                    + " and r2.status = 'pending' and m.revision = :revision and m.checksum <> :checksum) and r.status = 'pending' order by r.id")
    List<ApprovalRequest> findPendingWithOtherChecksum(
            @Param("projectId") long projectId, @Param("revision") String revision, @Param("checksum") String checksum);

    @Query(
            "select r.id from ApprovalRequest r where r.kind = 'approval' and r.status = 'pending' and r.expiresAt <= :now order by r.id")
    List<Long> findExpiredIds(@Param("now") Instant now);

    @Query("select r.id from ApprovalRequest r where r.kind = 'review' and r.status = 'pending' and r.dueAt <= :now"
            + " and r.overdueNotifiedAt is null order by r.id")
    List<Long> findNewlyOverdueIds(@Param("now") Instant now);

    @Query("select r from ApprovalRequest r where r.environmentId = :environmentId and r.kind = 'review'"
            + " and r.status = 'pending' and r.dueAt <= :now order by r.dueAt")
    List<ApprovalRequest> findOverdueReviews(@Param("environmentId") long environmentId, @Param("now") Instant now);

    @Query(
            "select r from ApprovalRequest r where r.environmentId = :environmentId and r.status = 'pending' order by r.id")
    List<ApprovalRequest> findPendingForEnvironment(@Param("environmentId") long environmentId);

    @Query("select count(r) from ApprovalRequest r where r.status = 'pending' and r.projectId in :projectIds")
    long countPending(@Param("projectIds") Collection<Long> projectIds);

    long countByStatus(String status);

    @Query("select r from ApprovalRequest r where (:projectId is null or r.projectId = :projectId)"
            + " and (:environmentId is null or r.environmentId = :environmentId)"
            + " and (:status is null or r.status = :status) order by r.id desc limit 500")
    List<ApprovalRequest> search(
            @Param("projectId") Long projectId,
            @Param("environmentId") Long environmentId,
            @Param("status") String status);
}
