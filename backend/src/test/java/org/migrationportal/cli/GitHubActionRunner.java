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
 * Runs {@code ci/github/action.yml} the way the Actions runner runs a composite action: the inputs with their
 * defaults, each {@code run:} step with bash and its {@code env:} (expressions evaluated), step outputs read
 * from {@code $GITHUB_OUTPUT}, the action's outputs from their expressions. {@code uses:} steps (the cache)
 * are skipped: the cache is always cold here.
 */
final class GitHubActionRunner {

    static final Path ACTION = Path.of("..", "ci", "github", "action.yml");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");

    record Run(int exitCode, String log, Map<String, String> outputs, String summary) {}

    private final Map<String, Object> action;
    private final Path checkout;
    private final Path scratch;
    private final Map<String, String> ciEnvironment;

    @SuppressWarnings("unchecked")
    GitHubActionRunner(Path checkout, Path scratch, Map<String, String> ciEnvironment) throws Exception {
        this.action = (Map<String, Object>) new Yaml().load(Files.readString(ACTION));
        this.checkout = checkout;
        this.scratch = scratch;
        this.ciEnvironment = ciEnvironment;
    }

    @SuppressWarnings("unchecked")
    Run run(Map<String, String> given) throws Exception {
        Map<String, String> inputs = new HashMap<>();
        ((Map<String, Map<String, Object>>) action.get("inputs")).forEach((name, spec) -> {
            Object fallback = spec.get("default");
            inputs.put(name, fallback == null ? "" : String.valueOf(fallback));
        });
        for (String name : given.keySet()) {
            if (!inputs.containsKey(name)) {
                throw new IllegalArgumentException("the action has no input " + name);
            }
        }
        inputs.putAll(given);
        Path runnerTemp = Files.createTempDirectory(scratch, "runner-temp");
        Path summary = Files.createTempFile(scratch, "summary", ".md");
        Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        StringBuilder log = new StringBuilder();
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        if (!"composite".equals(runs.get("using"))) {
            throw new IllegalStateException("not a composite action");
        }
        for (Map<String, Object> step : (List<Map<String, Object>>) runs.get("steps")) {
            if (step.containsKey("uses")) {
                continue;
            }
            if (!"bash".equals(step.get("shell"))) {
                throw new IllegalStateException("a run step without shell: bash");
            }
            Map<String, String> env = CiStepShell.baseEnvironment(scratch.resolve("home"));
            env.putAll(ciEnvironment);
            Path githubOutput = Files.createTempFile(scratch, "github-output", ".txt");
            env.put("GITHUB_OUTPUT", githubOutput.toString());
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("RUNNER_TEMP", runnerTemp.toString());
            env.put(
                    "GITHUB_ACTION_PATH",
                    ACTION.getParent().toAbsolutePath().normalize().toString());
            Map<String, Object> stepEnv = (Map<String, Object>) step.getOrDefault("env", Map.of());
            stepEnv.forEach(
                    (name, value) -> env.put(name, evaluate(String.valueOf(value), inputs, stepOutputs, runnerTemp)));
            String script = (String) step.get("run");
            if (EXPRESSION.matcher(script).find()) {
                throw new IllegalStateException("expressions belong in env:, not in the script (injection)");
            }
            CiStepShell.Result result = CiStepShell.run(script, env, checkout, scratch);
            log.append(result.output());
            if (step.get("id") != null) {
                stepOutputs.put((String) step.get("id"), readOutputs(githubOutput));
            }
            if (result.exitCode() != 0) {
                return new Run(
                        result.exitCode(),
                        log.toString(),
                        actionOutputs(inputs, stepOutputs, runnerTemp),
                        Files.readString(summary));
            }
        }
        return new Run(0, log.toString(), actionOutputs(inputs, stepOutputs, runnerTemp), Files.readString(summary));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> actionOutputs(
            Map<String, String> inputs, Map<String, Map<String, String>> steps, Path runnerTemp) {
        Map<String, String> outputs = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) action.get("outputs"))
                .forEach((name, spec) ->
                        outputs.put(name, evaluate(String.valueOf(spec.get("value")), inputs, steps, runnerTemp)));
        return outputs;
    }

    /** The few contexts the action uses: inputs, steps.*.outputs, runner.temp. Anything else is an error. */
    static String evaluate(
            String text, Map<String, String> inputs, Map<String, Map<String, String>> steps, Path runnerTemp) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String value;
            if (expression.startsWith("inputs.")) {
                value = inputs.get(expression.substring("inputs.".length()));
            } else if (expression.startsWith("steps.")) {
                String[] parts = expression.split("\\.", 4);
                if (parts.length != 4 || !parts[2].equals("outputs")) {
                    throw new IllegalArgumentException("unsupported expression " + expression);
                }
                value = steps.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
            } else if (expression.equals("runner.temp")) {
                value = runnerTemp.toString();
            } else {
                throw new IllegalArgumentException("unsupported expression " + expression);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code name=value} lines and {@code name<<DELIMITER} blocks, as the runner reads them. */
    static Map<String, String> readOutputs(Path file) throws Exception {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).equals(delimiter); i++) {
                    value.append(value.isEmpty() ? "" : "\n").append(lines.get(i));
                }
                outputs.put(line.substring(0, heredoc), value.toString());
            } else if (equals > 0) {
                outputs.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return outputs;
    }
}
