package org.migrationportal.approvals;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface EmergencyGrantRepository extends JpaRepository<EmergencyGrant, Long> {

    List<EmergencyGrant> findByProjectId(long projectId);
}
