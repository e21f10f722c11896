package org.migrationportal.ingest.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the ingest filter right after Spring Security, so it knows the calling token. */
@Configuration(proxyBeanMethods = false)
class IngestWebConfiguration {

    @Bean
    FilterRegistrationBean<IngestRequestFilter> ingestRequestFilter(IngestProperties properties, IdempotencyKeys keys) {
        FilterRegistrationBean<IngestRequestFilter> registration =
                new FilterRegistrationBean<>(new IngestRequestFilter(properties, keys));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
