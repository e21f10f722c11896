package org.migrationportal.approvals.web;

/** The decision form on /approvals/{id}; the re-authentication page posts it again with the password. */
class DecisionForm {

    private String comment = "";
    private String decision;
    private String password;

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
