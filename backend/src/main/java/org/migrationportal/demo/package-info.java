/**
 * Demo data for the embedded quick start: realistic projects, people and (as features land) evidence,
 * loaded once through the modules' own façades so it stays valid as the model grows.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "projects", "identity", "ingest", "compliance"})
package org.migrationportal.demo;
