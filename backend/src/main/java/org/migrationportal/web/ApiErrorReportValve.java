package org.migrationportal.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * The answer Tomcat gives by itself, before any filter or servlet runs (a malformed escape in the path, a
 * request line or header over the size limit): a problem+json on {@code /api/**}, and Tomcat's plain HTML
 * page, without report or server version, everywhere else. When the request line itself could not be read the
 * path is unknown, and the answer is a problem too unless the client said it wants HTML.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!answersWithProblem(request)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already started: nothing more can be said.
        }
    }

    private static boolean answersWithProblem(Request request) {
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (uri == null || uri.isEmpty()) {
            String accept = request.getHeader("Accept");
            return accept == null || !accept.contains("text/html");
        }
        return uri.startsWith("/api/") || uri.equals("/api");
    }

    private static String problem(int status) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
        String detail = status < 500
                ? "The server could not read the request: a malformed URL, or a request line or header that is too long."
                : "The portal could not complete the request.";
        return "{\"type\":\"/problems/" + status + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }
}
