package org.migrationportal.export.web;

import java.time.LocalDate;
import org.migrationportal.export.ChangeRecords;
import org.migrationportal.export.ExportJobs;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

/** The export form: what to produce, for which period (whole UTC days) and scope, and the sample for reports. */
public class ExportForm {

    private ExportJobs.Kind kind = ExportJobs.Kind.BUNDLE;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;

    private String project;
    private String environment;
    private int sampleSize = 25;
    private Long seed;

    void validate(Errors errors) {
        if (kind == null) {
            errors.rejectValue("kind", "export.form.kind.required");
        }
        if (from == null && !errors.hasFieldErrors("from")) {
            errors.rejectValue("from", "export.form.date.required");
        }
        if (to == null && !errors.hasFieldErrors("to")) {
            errors.rejectValue("to", "export.form.date.required");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.rejectValue("to", "export.form.to.beforeFrom");
        }
        if (sampleSize < 0 || sampleSize > ChangeRecords.MAX_SAMPLE) {
            errors.rejectValue("sampleSize", "export.form.sample.range");
        }
    }

    public ExportJobs.Kind getKind() {
        return kind;
    }

    public void setKind(ExportJobs.Kind kind) {
        this.kind = kind;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
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

    public int getSampleSize() {
        return sampleSize;
    }

    public void setSampleSize(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }
}
