package org.migrationportal.audit.web;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.migrationportal.audit.AuditEntryFilter;
import org.springframework.format.annotation.DateTimeFormat;

/** The audit page's filter, bound from query parameters (a plain GET form; htmx sends the same). Times are UTC. */
public class AuditFilterForm {

    private String project;
    private String environment;
    private String actor;
    private String action;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private LocalDateTime from;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private LocalDateTime to;

    private int page;

    AuditEntryFilter toFilter() {
        return new AuditEntryFilter(
                blankToNull(project),
                blankToNull(environment),
                blankToNull(actor),
                blankToNull(action),
                from == null ? null : from.toInstant(ZoneOffset.UTC),
                to == null ? null : to.toInstant(ZoneOffset.UTC));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }
}
