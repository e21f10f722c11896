package org.migrationportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Migration Compliance Portal: one Spring Boot application, one feature module per sub-package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PortalApplication {

    public static void main(String[] args) {
        // Offline evidence-bundle check: no Spring, no database (docs/export.md).
        if (args.length > 0 && "verify-bundle".equals(args[0])) {
            System.exit(org.migrationportal.export.BundleVerifier.run(args, System.out));
        }
        // Schema migration as the table owner, then exit: the app itself runs as a role that owns nothing.
        if (args.length > 0 && "migrate".equals(args[0])) {
            System.exit(org.migrationportal.shared.SchemaMigration.run(System.getenv(), System.out));
        }
        SpringApplication.run(PortalApplication.class, args);
    }
}
