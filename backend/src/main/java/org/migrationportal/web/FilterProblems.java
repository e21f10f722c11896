package org.migrationportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.migrationportal.shared.FieldProblem;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem responses written by servlet filters, which answer before Spring MVC's handlers. */
final class FilterProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FilterProblems() {}

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String type,
            String title,
            String detail,
            List<FieldProblem> errors)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (!errors.isEmpty()) {
            body.put(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                            .toList());
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
