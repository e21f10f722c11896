package org.migrationportal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.util.unit.DataSize;

/**
 * The API's endpoint groups, each with its own default body-size and rate limits
 * ({@code portal.api.limits.<group>.*}). Ingest has its own limits ({@code portal.ingest.*}), applied by the
 * ingest filter together with Idempotency-Key handling.
 */
enum ApiEndpointGroup {
    INGEST("ingest", null, DataSize.ofBytes(0), 0, 0),
    GATE("gate", "POST /api/v1/gate", DataSize.ofKilobytes(16), 50, 100),
    APPROVALS("approvals", "/api/v1/approvals(/.*)?", DataSize.ofMegabytes(1), 10, 30),
    AUDIT_VERIFY("audit-verify", "POST /api/v1/audit/verify", DataSize.ofMegabytes(32), 1, 5),
    EXPORTS("exports", "/api/v1/(audit|change-records)/export", DataSize.ofKilobytes(16), 1, 5),
    WRITES("writes", "(POST|PUT|PATCH|DELETE) /api/.*", DataSize.ofKilobytes(64), 10, 30),
    READS("reads", "/api/.*", DataSize.ofKilobytes(16), 50, 100);

    private static final Pattern INGEST_PATHS =
            Pattern.compile("/api/v1/(ci-runs|deployments|backups|drift-reports)(/.*)?");

    final String key;
    private final Pattern pattern;
    final DataSize defaultMaxBodySize;
    final long defaultPerSecond;
    final long defaultBurst;

    ApiEndpointGroup(String key, String pattern, DataSize maxBodySize, long perSecond, long burst) {
        this.key = key;
        this.pattern = pattern == null ? null : Pattern.compile(pattern.contains(" ") ? pattern : "\\S+ " + pattern);
        this.defaultMaxBodySize = maxBodySize;
        this.defaultPerSecond = perSecond;
        this.defaultBurst = burst;
    }

    static ApiEndpointGroup of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (INGEST_PATHS.matcher(path).matches()) {
            return INGEST;
        }
        String call = request.getMethod() + " " + path;
        for (ApiEndpointGroup group : values()) {
            if (group.pattern != null && group.pattern.matcher(call).matches()) {
                return group;
            }
        }
        return READS;
    }
}
