package org.migrationportal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs {@code ci/gitlab/templates/portal.yml} the way GitLab does: the {@code spec:inputs} header with its
 * defaults, {@code $[[ inputs.x ]]} interpolated into the configuration, then the job's {@code script:} with
 * bash, its {@code variables:} and the CI/CD variables in the environment. Outputs are the dotenv report.
 */
final class GitLabComponentRunner {

    static final Path COMPONENT = Path.of("..", "ci", "gitlab", "templates", "portal.yml");
    static final Pattern INPUT = Pattern.compile("\\$\\[\\[\\s*inputs\\.([a-z0-9_-]+)\\s*]]");

    record Run(int exitCode, String log, Map<String, String> dotenv, Path workingDirectory) {}

    private final Path checkout;
    private final Path scratch;
    private final Map<String, String> ciVariables;

    GitLabComponentRunner(Path checkout, Path scratch, Map<String, String> ciVariables) {
        this.checkout = checkout;
        this.scratch = scratch;
        this.ciVariables = ciVariables;
    }

    @SuppressWarnings("unchecked")
    Run run(Map<String, String> given) throws Exception {
        String[] documents = Files.readString(COMPONENT).split("(?m)^---$", 2);
        Map<String, Object> spec = (Map<String, Object>) new Yaml().load(documents[0]);
        Map<String, Map<String, Object>> declared =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) spec.get("spec")).get("inputs");
        Map<String, String> inputs = new HashMap<>();
        declared.forEach((name, definition) -> {
            if (definition != null && definition.containsKey("default")) {
                inputs.put(name, String.valueOf(definition.get("default")));
            }
        });
        for (String name : given.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("the component has no input " + name);
            }
        }
        inputs.putAll(given);
        Matcher m = INPUT.matcher(documents[1]);
        StringBuilder config = new StringBuilder();
        while (m.find()) {
            String value = inputs.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("input " + m.group(1) + " is required");
            }
            m.appendReplacement(config, Matcher.quoteReplacement(value));
        }
        m.appendTail(config);
        Map<String, Object> jobs = (Map<String, Object>) new Yaml().load(config.toString());
        if (jobs.size() != 1) {
            throw new IllegalStateException("the component should add one job");
        }
        Map<String, Object> job = (Map<String, Object>) jobs.values().iterator().next();

        Map<String, String> env = CiStepShell.baseEnvironment(scratch.resolve("home"));
        env.putAll(ciVariables);
        env.put("CI_PROJECT_DIR", checkout.toAbsolutePath().toString());
        ((Map<String, Object>) job.getOrDefault("variables", Map.of()))
                .forEach((name, value) -> env.put(name, String.valueOf(value)));
        String script = String.join("\n", (List<String>) job.get("script"));
        CiStepShell.Result result = CiStepShell.run(script, env, checkout, scratch);
        Map<String, String> dotenv = new LinkedHashMap<>();
        Path dotenvFile = checkout.resolve(env.get("PORTAL_DOTENV"));
        if (Files.exists(dotenvFile)) {
            for (String line : Files.readAllLines(dotenvFile)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    dotenv.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        return new Run(result.exitCode(), result.output(), dotenv, checkout);
    }
}
