package org.migrationportal.shared;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation here checks request bodies and forms: plain records, never JPA entities (no entity carries
 * constraints). With JPA on the class path, Hibernate Validator's default traversable resolver asks JPA
 * whether each property is loaded before validating it, on every property of every request: about 3 % of
 * the CPU of an ingest request, measured (docs/performance-ingest.md). This resolver reaches every property.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    ValidationConfigurationCustomizer reachEveryProperty() {
        return configuration -> configuration.traversableResolver(new EveryPropertyReachable());
    }

    static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(
                Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean, ElementType elementType) {
            return true;
        }
    }
}
