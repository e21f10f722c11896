package org.migrationportal.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByPublicId(String publicId);

    List<ApiToken> findByProjectIdOrderByCreatedAtDesc(Long projectId);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(Long userId);
}
