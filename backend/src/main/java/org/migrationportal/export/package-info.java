/**
 * Evidence for auditors: change records per production deployment (with reproducible samples), CSV and
 * JSON Lines streams of audit entries and change records, the PDF report, and evidence bundles with their
 * offline verifier ({@code java -jar … verify-bundle file.zip}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "projects", "identity", "compliance", "approvals"})
package org.migrationportal.export;
