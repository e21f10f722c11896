package org.migrationportal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.migrationportal.shared.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database is unreachable, an API call fails fast (Hikari's 2 s connection timeout) and is
 * answered 503 with Retry-After, even when the failure happens before Spring MVC (token authentication
 * reads the database). Runs in front of Spring Security for {@code /api/*}.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final long retryAfterSeconds;

    DatabaseOutageFilter(long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException failure) {
            if (!DatabaseOutage.isCause(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn(
                    "Database unreachable answering {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.toString());
            write(request, response, retryAfterSeconds);
        }
    }

    static void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.resetBuffer();
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/problem+json");
        String body = "{\"type\":\"/problems/database-unavailable\",\"title\":\"Service unavailable\",\"status\":503,"
                + "\"detail\":\"The portal's database is unreachable. Nothing was stored; retry after "
                + retryAfterSeconds + " seconds.\",\"instance\":\""
                + request.getRequestURI().replace("\"", "") + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(
                @Value("${portal.ingest.outage-retry-after-seconds:5}") long retryAfterSeconds) {
            FilterRegistrationBean<DatabaseOutageFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseOutageFilter(retryAfterSeconds));
            registration.addUrlPatterns("/api/*");
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
            return registration;
        }
    }
}
