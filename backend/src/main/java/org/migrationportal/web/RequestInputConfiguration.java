package org.migrationportal.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Where input is checked before it reaches any handler: JSON strings ({@link StorableTextModule}), query and
 * form parameters ({@link RequestTextFilter}), what Tomcat answers by itself ({@link ApiErrorReportValve}), and
 * every API endpoint group's body-size and rate limits ({@link ApiLimitsFilter}).
 */
@Configuration(proxyBeanMethods = false)
class RequestInputConfiguration {

    @Bean
    StorableTextModule storableTextModule() {
        return new StorableTextModule();
    }

    @Bean
    FilterRegistrationBean<RequestTextFilter> requestTextFilter() {
        FilterRegistrationBean<RequestTextFilter> registration = new FilterRegistrationBean<>(new RequestTextFilter());
        registration.addUrlPatterns("/*");
        // Right after the character-encoding filter (highest precedence), so form bodies decode as UTF-8.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiLimitsFilter> apiLimitsFilter(ApiLimitProperties properties) {
        FilterRegistrationBean<ApiLimitsFilter> registration =
                new FilterRegistrationBean<>(new ApiLimitsFilter(properties));
        registration.addUrlPatterns("/api/*");
        // After Spring Security (the limit is per token) and before the ingest filter's own limits.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 5);
        return registration;
    }

    /** Replaces the error report valve Spring Boot puts on the host (runs after Boot's own customiser). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> apiErrorReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(ConfigurableTomcatWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Host host = (Host) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ApiErrorReportValve());
                    if (host instanceof StandardHost standard) {
                        standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    }
                });
            }
        };
    }
}
