/**
 * Projects whose migrations are governed and their deploy environments (tiers, production flag,
 * the environment that verifies another). {@link org.migrationportal.projects.ProjectCatalog} is the façade.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package org.migrationportal.projects;
