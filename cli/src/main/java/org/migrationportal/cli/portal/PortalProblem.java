package org.migrationportal.cli.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An RFC 9457 problem document (or the best reading of a non-problem error body). */
public record PortalProblem(int status, String type, String title, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {}

    static PortalProblem from(int status, JsonNode body, String rawBody) {
        if (body == null || !body.isObject()) {
            String text = rawBody == null ? "" : rawBody.strip();
            return new PortalProblem(
                    status,
                    null,
                    "HTTP " + status,
                    text.length() > 500 ? text.substring(0, 500) + "…" : text,
                    List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            errors.add(new FieldError(
                    e.path("field").asText(e.path("pointer").asText(null)),
                    e.path("message").asText(e.path("detail").asText(""))));
        }
        return new PortalProblem(
                body.path("status").asInt(status),
                body.path("type").asText(null),
                body.path("title").asText("HTTP " + status),
                body.path("detail").asText(null),
                errors);
    }

    /** Human-readable, one fact per line, as printed to stderr. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("portal answered ").append(status).append(": ").append(title);
        if (detail != null && !detail.isBlank()) {
            sb.append("\n  ").append(detail);
        }
        for (FieldError e : errors) {
            sb.append("\n  - ")
                    .append(e.field() == null ? "(body)" : e.field())
                    .append(": ")
                    .append(e.message());
        }
        if (type != null && !type.equals("about:blank")) {
            sb.append("\n  see ").append(type);
        }
        return sb.toString();
    }
}
