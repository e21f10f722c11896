package org.migrationportal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one CI step's script with bash, as a runner does: its own environment, a working directory, a time limit. */
final class CiStepShell {

    record Result(int exitCode, String output) {}

    private CiStepShell() {}

    static Result run(String script, Map<String, String> env, Path workingDirectory, Path scratch) throws Exception {
        Path file = Files.createTempFile(scratch, "step-", ".sh");
        Files.writeString(file, script);
        Path output = Files.createTempFile(scratch, "step-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished)
                .as("step finished in time:\n" + Files.readString(output))
                .isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** What every runner gives a step: a PATH with this JVM's java first, HOME, a temp folder. */
    static Map<String, String> baseEnvironment(Path home) throws IOException {
        Map<String, String> env = new HashMap<>();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        env.put("PATH", javaBin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", Files.createDirectories(home).toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
