package org.migrationportal.approvals.web;

import java.util.ArrayList;
import java.util.List;

/** The admin's "add webhook" form. */
class WebhookForm {

    private String name = "";
    private String url = "";
    private String format = "slack";
    private List<String> events = new ArrayList<>(org.migrationportal.approvals.webhooks.Webhooks.EVENTS);

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events;
    }
}
