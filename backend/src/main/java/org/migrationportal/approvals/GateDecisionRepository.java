package org.migrationportal.approvals;

import org.springframework.data.jpa.repository.JpaRepository;

interface GateDecisionRepository extends JpaRepository<GateDecision, Long> {}
