package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.DeployReadiness;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 20 item 6: with no compliance engine to assess readiness the gate fails closed: {@code deny} with
 * {@code assessment-unavailable}, kept and audited like any answer.
 */
@PortalIntegrationTest
@Import(GateWithoutComplianceEngineTests.WithoutComplianceEngine.class)
class GateWithoutComplianceEngineTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ListableBeanFactory beans;

    @Test
    void theGateDeniesWithAssessmentUnavailable() throws Exception {
        assertThat(beans.getBeanNamesForType(DeployReadiness.class)).isEmpty();
        String project = TestData.uniqueKey("noengine");
        data.project(project);
        String token = data.projectToken(project, List.of("gate:read"), List.of("prod"));

        mvc.perform(post("/api/v1/gate")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"4f2c9e1a"}""".formatted(project)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("deny"))
                .andExpect(jsonPath("$.reasons.length()").value(1))
                .andExpect(jsonPath("$.reasons[0].code").value(DeployGate.ASSESSMENT_UNAVAILABLE));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'gate.decided' and project_key = ?"
                                + " and details like '%assessment-unavailable%'")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /** Removes the compliance module's readiness assessment from the context, as if it were not installed. */
    @TestConfiguration(proxyBeanMethods = false)
    static class WithoutComplianceEngine {

        @Bean
        static BeanDefinitionRegistryPostProcessor removeDeployReadiness() {
            return new BeanDefinitionRegistryPostProcessor() {
                @Override
                public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
                    for (String name : registry.getBeanDefinitionNames()) {
                        String type = registry.getBeanDefinition(name).getBeanClassName();
                        if ("org.migrationportal.compliance.ChecklistDeployReadiness".equals(type)) {
                            registry.removeBeanDefinition(name);
                        }
                    }
                }

                @Override
                public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {}
            };
        }
    }
}
