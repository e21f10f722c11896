package org.migrationportal.approvals.webhooks;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookRepository extends JpaRepository<Webhook, Long> {

    List<Webhook> findByProjectIdOrderByIdAsc(long projectId);
}
