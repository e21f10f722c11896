package org.migrationportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.projects.ProjectCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The README's quick start: with no settings the portal runs on an embedded H2 file database, migrated by
 * the same Liquibase changelog, with the demo data and demo accounts loaded.
 */
@SpringBootTest
@AutoConfigureMockMvc
class H2QuickStartTests {

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDirectory.resolve("portal")
                        + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ProjectCatalog projects;

    @Test
    void bootsWithDemoDataAndTheDemoAdminCanSignIn() throws Exception {
        assertThat(projects.find("dylen-engine")).isPresent();
        assertThat(projects.get("dylen-engine").environment("prod"))
                .get()
                .satisfies(prod -> assertThat(prod.verifiedBy()).isEqualTo("staging"));
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(formLogin("/login").user("admin").password("demo-password"))
                .andExpect(authenticated().withUsername("admin"));
        mvc.perform(formLogin("/login").user("audrey").password("demo-password"))
                .andExpect(authenticated().withRoles("VIEWER", "AUDITOR"));
    }
}
