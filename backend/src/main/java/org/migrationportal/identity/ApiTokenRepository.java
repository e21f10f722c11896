package org.migrationportal.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByPublicId(String publicId);

    List<ApiToken> findByProjectIdOrderByCreatedAtDesc(Long projectId);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(Long userId);

    /** Last-used time is refreshed at most once a minute per token, to keep writes off the API hot path. */
    @Modifying
    @Query("update ApiToken t set t.lastUsedAt = ?2 where t.id = ?1 and (t.lastUsedAt is null or t.lastUsedAt < ?3)")
    int touch(Long id, Instant now, Instant staleBefore);
}
