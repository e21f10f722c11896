package org.migrationportal.cli.command;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Defaults read from the CI system's own variables (GitHub Actions, GitLab CI), so a pipeline step needs
 * only the flags that are not already known. Every value can still be given explicitly.
 */
record CiEnvironment(
        String provider,
        String externalId,
        Integer attempt,
        String url,
        String commitSha,
        String branch,
        Integer pullRequest,
        String pipelineName,
        String commitAuthor,
        String pullRequestAuthor) {

    private static final Pattern PR_REF = Pattern.compile("^refs/pull/(\\d+)/");

    static CiEnvironment from(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            String runId = env.get("GITHUB_RUN_ID");
            String url = runId == null || env.get("GITHUB_REPOSITORY") == null
                    ? null
                    : server + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + runId;
            Integer pr = null;
            Matcher m = PR_REF.matcher(env.getOrDefault("GITHUB_REF", ""));
            if (m.find()) {
                pr = Integer.valueOf(m.group(1));
            }
            String branch = blankToNull(env.get("GITHUB_HEAD_REF"));
            return new CiEnvironment(
                    "github-actions",
                    runId,
                    integer(env.get("GITHUB_RUN_ATTEMPT")),
                    url,
                    // On pull_request events GITHUB_SHA is the merge commit GitHub made, which no one reviewed or
                    // will deploy: the head commit of the pull request is in the event payload.
                    firstNonNull(pullRequestHeadSha(env), env.get("GITHUB_SHA")),
                    branch != null ? branch : env.get("GITHUB_REF_NAME"),
                    pr,
                    env.get("GITHUB_WORKFLOW"),
                    // The account that pushed or triggered the run; the pull request's author from the payload.
                    blankToNull(env.get("GITHUB_ACTOR")),
                    pullRequestField(env, "user", "login"));
        }
        if ("true".equals(env.get("GITLAB_CI"))) {
            String branch = blankToNull(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"));
            return new CiEnvironment(
                    "gitlab-ci",
                    env.get("CI_PIPELINE_ID"),
                    1,
                    env.get("CI_PIPELINE_URL"),
                    // Merged-results pipelines run on a merge commit; the merge request's head is this one.
                    firstNonNull(blankToNull(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA")), env.get("CI_COMMIT_SHA")),
                    branch != null ? branch : env.get("CI_COMMIT_REF_NAME"),
                    integer(env.get("CI_MERGE_REQUEST_IID")),
                    env.get("CI_JOB_NAME"),
                    // A username compares with portal accounts; CI_COMMIT_AUTHOR ("Name <email>") only as a fallback.
                    firstNonNull(blankToNull(env.get("GITLAB_USER_LOGIN")), blankToNull(env.get("CI_COMMIT_AUTHOR"))),
                    blankToNull(env.get("CI_MERGE_REQUEST_IID")) == null
                            ? null
                            : blankToNull(env.get("GITLAB_USER_LOGIN")));
        }
        return new CiEnvironment(null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code pull_request.head.sha} of the event payload on pull_request(_target) events, else null. */
    static String pullRequestHeadSha(Map<String, String> env) {
        return pullRequestField(env, "head", "sha");
    }

    /** {@code pull_request.<object>.<field>} of the event payload on pull_request(_target) events, else null. */
    static String pullRequestField(Map<String, String> env, String object, String field) {
        String event = env.getOrDefault("GITHUB_EVENT_NAME", "");
        String payload = env.get("GITHUB_EVENT_PATH");
        if (!event.startsWith("pull_request") || payload == null || payload.isBlank()) {
            return null;
        }
        try {
            String sha = Json.MAPPER
                    .readTree(java.nio.file.Path.of(payload).toFile())
                    .path("pull_request")
                    .path(object)
                    .path(field)
                    .asText("");
            return blankToNull(sha);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static <T> T firstNonNull(T explicit, T fallback) {
        return explicit != null ? explicit : fallback;
    }
}
