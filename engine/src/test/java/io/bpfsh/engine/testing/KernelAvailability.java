package io.bpfsh.engine.testing;

import io.bpfsh.engine.fs.Bpffs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether kernel tests can run here; under CI they must, so a missing prerequisite fails. */
public final class KernelAvailability implements ExecutionCondition, BeforeAllCallback {

    /** Why kernel tests cannot run here, or null when they can. */
    public static String missingPrerequisite() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return "not Linux";
        }
        if (!isRoot()) {
            return "not running as root";
        }
        if (!Files.isDirectory(Bpffs.DEFAULT_ROOT) || !Bpffs.isOnBpffs(Bpffs.DEFAULT_ROOT)) {
            return "bpffs is not mounted at " + Bpffs.DEFAULT_ROOT + " (mount -t bpf bpf /sys/fs/bpf)";
        }
        return null;
    }

    public static boolean requiredByCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missingPrerequisite();
        if (missing == null || requiredByCi()) {
            return ConditionEvaluationResult.enabled("kernel available or required by CI");
        }
        return ConditionEvaluationResult.disabled("kernel test skipped: " + missing);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = missingPrerequisite();
        if (missing != null) {
            throw new AssertionError("kernel tests are required under CI=true, but " + missing);
        }
    }
}
