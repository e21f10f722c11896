package org.migrationportal.projects;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProjectRepository extends JpaRepository<Project, Long> {

    @EntityGraph(attributePaths = "environments")
    @Query("select p from Project p where p.key = ?1")
    Optional<Project> findByKey(String key);

    @EntityGraph(attributePaths = "environments")
    @Query("select distinct p from Project p left join fetch p.environments order by p.key")
    List<Project> findAllWithEnvironments();

    @EntityGraph(attributePaths = "environments")
    @Query("select p from Project p where p.id = ?1")
    Optional<Project> findWithEnvironmentsById(long id);

    boolean existsByKey(String key);
}
