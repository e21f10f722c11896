package org.migrationportal.approvals.webhooks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, Long> {

    @Query(
            "select d.id from WebhookDelivery d where d.status = 'pending' and d.nextAttemptAt <= :now order by d.nextAttemptAt, d.id")
    List<Long> findDueIds(@Param("now") Instant now, Limit limit);

    @Query("select d from WebhookDelivery d where d.webhookId in :webhookIds order by d.id desc")
    List<WebhookDelivery> findRecent(@Param("webhookIds") Collection<Long> webhookIds, Limit limit);
}
