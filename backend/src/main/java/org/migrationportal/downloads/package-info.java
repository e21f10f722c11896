/**
 * What pipelines install from the portal: the CLI of this very build, its SHA-256, and a page with the
 * one-line installs for GitHub Actions, GitLab CI and a shell. Public: a pipeline has no session.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.migrationportal.downloads;
