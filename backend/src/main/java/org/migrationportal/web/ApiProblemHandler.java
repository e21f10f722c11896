package org.migrationportal.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.DatabaseOutage;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every failure of an API call becomes an RFC 9457 problem: field errors name each bad field, and
 * nothing internal (exception text, stack traces, SQL) ever leaves the server.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @org.springframework.beans.factory.annotation.Value("${portal.ingest.outage-retry-after-seconds:5}")
    private long outageRetryAfterSeconds = 5;

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail withFieldErrors(ProblemDetail problem, List<FieldProblem> errors) {
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return problem;
    }

    private static String detailFor(List<FieldProblem> errors) {
        return errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            // A value that could not even be converted (page=abc): Spring's own message names Java types, ours does
            // not.
            errors.add(new FieldProblem(
                    error.getField(), error.isBindingFailure() ? "has an invalid value" : error.getDefaultMessage()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(e -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        ProblemDetail body = withFieldErrors(
                problem(HttpStatus.BAD_REQUEST, "validation", "Request body is invalid", detailFor(errors)), errors);
        return respond(body, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        ProblemDetail body = withFieldErrors(
                problem(HttpStatus.BAD_REQUEST, "validation", "Request is invalid", detailFor(errors)), errors);
        return respond(body, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ApiLimitsFilter.BodyTooLargeException.isCause(ex)) {
            return respond(
                    problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "too-large",
                            "Request body too large",
                            "The body exceeds the size limit of this endpoint."),
                    request);
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnstorableTextException unstorable) {
            String field = unstorable.getPath().isEmpty() ? "body" : pathOf(unstorable);
            List<FieldProblem> errors = List.of(new FieldProblem(field, StorableText.MESSAGE));
            return respond(
                    withFieldErrors(
                            problem(HttpStatus.BAD_REQUEST, "validation", "Request body is invalid", detailFor(errors)),
                            errors),
                    request);
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = pathOf(mismatch);
            String message = cause instanceof InvalidFormatException invalid
                    ? "has an invalid value" + expected(invalid.getTargetType())
                    : "has the wrong type" + expected(mismatch.getTargetType());
            List<FieldProblem> errors = List.of(new FieldProblem(field, message));
            return respond(
                    withFieldErrors(
                            problem(HttpStatus.BAD_REQUEST, "validation", "Request body is invalid", detailFor(errors)),
                            errors),
                    request);
        }
        String detail = cause instanceof JacksonException
                ? "The body is not valid JSON."
                : "The request body is missing or unreadable.";
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed", "Malformed request body", detail), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        List<FieldProblem> errors = List.of(new FieldProblem(
                ex.getName(),
                "has an invalid value" + (ex.getRequiredType() == null ? "" : expected(ex.getRequiredType()))));
        return respond(
                withFieldErrors(
                        problem(HttpStatus.BAD_REQUEST, "validation", "Request is invalid", detailFor(errors)), errors),
                request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex, WebRequest request) {
        return respond(
                withFieldErrors(
                        problem(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "unprocessable",
                                "Request cannot be processed",
                                ex.getMessage()),
                        ex.problems()),
                request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex, WebRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage()), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException ex, WebRequest request) {
        ProblemDetail body = problem(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
        if (ex.field() != null) {
            withFieldErrors(body, List.of(new FieldProblem(ex.field(), ex.getMessage())));
        }
        return respond(body, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This token may not do that."), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (DatabaseOutage.isCause(ex)) {
            log.warn("Database unreachable answering {}: {}", describe(request), ex.toString());
            ResponseEntity<Object> unavailable = respond(
                    problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "database-unavailable",
                            "Service unavailable",
                            "The portal's database is unreachable. Nothing was stored; retry after "
                                    + outageRetryAfterSeconds + " seconds."),
                    request);
            return ResponseEntity.status(unavailable.getStatusCode())
                    .headers(unavailable.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(outageRetryAfterSeconds))
                    .body(unavailable.getBody());
        }
        log.error("Unexpected failure answering {}", describe(request), ex);
        return respond(
                problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "The portal could not complete the request. It has been logged."),
                request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null
                    || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create("/problems/" + statusCode.value()));
            }
            // Spring's own messages for 405/415/etc are safe; never pass exception text through.
            return respond(problem, headers, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> respond(ProblemDetail body, WebRequest request) {
        return respond(body, new HttpHeaders(), HttpStatusCode.valueOf(body.getStatus()), request);
    }

    private static ResponseEntity<Object> respond(
            ProblemDetail body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            body.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, status);
    }

    private static String pathOf(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return ": must be one of "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(Object::toString)
                                    .toList());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return ": must be an ISO-8601 date-time such as 2026-11-20T09:12:03Z";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return ": must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return ": must be true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return ": must be a list";
        }
        if (type == String.class) {
            return ": must be a string";
        }
        return ": must be an object";
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
