package org.migrationportal.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PortalUserRepository extends JpaRepository<PortalUser, Long> {

    @EntityGraph(attributePaths = "grants")
    Optional<PortalUser> findByUsername(String username);

    @EntityGraph(attributePaths = "grants")
    @Query("select distinct u from PortalUser u order by u.username")
    List<PortalUser> findAllWithGrants();

    boolean existsByUsername(String username);

    @Query("select count(g) > 0 from RoleGrant g where g.role = ?1 and g.user.enabled = true")
    boolean anyEnabledUserWith(Role role);

    @Modifying
    @Query("update PortalUser u set u.lastLoginAt = ?2 where u.username = ?1")
    void markLoggedIn(String username, java.time.Instant at);
}
