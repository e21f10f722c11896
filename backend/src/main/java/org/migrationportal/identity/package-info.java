/**
 * People and access: users and role grants, sign-in with throttling, API tokens (project and personal),
 * and the security configuration of pages and API. Façades: {@link org.migrationportal.identity.UserAccounts},
 * {@link org.migrationportal.identity.ApiTokens}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "projects"})
package org.migrationportal.identity;
