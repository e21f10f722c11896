package org.migrationportal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.migrationportal.shared.FieldProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of everything: the query string must be well-formed (every {@code %} followed by two hex digits,
 * the bytes valid UTF-8), and no query or form parameter may hold {@linkplain StorableText unstorable} text.
 * The container would otherwise throw on the first {@code getParameter} deep inside a handler (a 500), or pass
 * a NUL on to a database query (a 500). API calls get a 400 problem, pages the 400 error page.
 */
class RequestTextFilter extends OncePerRequestFilter {

    static final String MALFORMED = "has a malformed percent-escape or is not valid UTF-8";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> malformed = malformedQuery(request.getQueryString());
        if (!malformed.isEmpty()) {
            refuse(request, response, "malformed-query", "Malformed query string", malformed);
            return;
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException undecodable) {
            // A form body with a malformed escape: the container refuses to decode it.
            refuse(
                    request,
                    response,
                    "malformed-query",
                    "Malformed form body",
                    List.of(new FieldProblem("body", MALFORMED)));
            return;
        }
        List<FieldProblem> unstorable = new ArrayList<>();
        parameters.forEach((name, values) -> {
            boolean storable = StorableText.isStorable(name);
            for (String value : values) {
                storable &= StorableText.isStorable(value);
            }
            if (!storable) {
                unstorable.add(new FieldProblem(StorableText.isStorable(name) ? name : "query", StorableText.MESSAGE));
            }
        });
        if (!unstorable.isEmpty()) {
            refuse(request, response, "validation", "Request is invalid", unstorable);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            String type,
            String title,
            List<FieldProblem> errors)
            throws IOException {
        if (FilterProblems.isApi(request)) {
            String detail = errors.size() == 1 ? "1 parameter is invalid." : errors.size() + " parameters are invalid.";
            FilterProblems.write(request, response, 400, type, title, detail, errors);
        } else {
            response.sendError(400);
        }
    }

    /** One problem per name or value of {@code query} that does not decode strictly; none when it all does. */
    static List<FieldProblem> malformedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name == null || value == null) {
                problems.add(new FieldProblem(name == null ? "query" : name, MALFORMED));
            }
        }
        return problems;
    }

    /** {@code application/x-www-form-urlencoded} decoding that refuses what a lenient decoder would guess at. */
    private static String decode(String encoded) {
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes[n++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes[n++] = ' ';
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
