/**
 * Output in each CI system's own language: SARIF 2.1.0 (GitHub code scanning), GitLab Code Quality JSON,
 * JUnit XML, GitHub workflow-command annotations, the GitHub step summary, and step outputs
 * ({@code $GITHUB_OUTPUT}, or a dotenv file for GitLab).
 */
package org.migrationportal.cli.ci;
