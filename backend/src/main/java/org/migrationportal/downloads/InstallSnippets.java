package org.migrationportal.downloads;

/**
 * The one-line installs the downloads page shows, with this portal's address filled in. The same lines are
 * in docs/ci-integration.md; CiKitTests runs the action's and the component's steps themselves.
 */
record InstallSnippets(String shell, String githubActions, String gitlabCi) {

    static InstallSnippets forPortal(String portalUrl) {
        String shell = "curl -fsS -O " + portalUrl + "/downloads/portal-cli.jar -O " + portalUrl
                + "/downloads/portal-cli.jar.sha256 && sha256sum -c portal-cli.jar.sha256 && java -jar portal-cli.jar --version";
        String github = """
                - uses: OWNER/REPO/ci/github@TAG
                  with:
                    portal-url: %s
                    token: ${{ secrets.PORTAL_TOKEN }}
                    command: report
                    path: migrations
                """.formatted(portalUrl);
        String gitlab = """
                include:
                  - project: OWNER/REPO
                    ref: TAG
                    file: /ci/gitlab/templates/portal.yml
                    inputs:
                      portal-url: %s
                      command: report
                      path: migrations
                """.formatted(portalUrl);
        return new InstallSnippets(shell, github, gitlab);
    }
}
