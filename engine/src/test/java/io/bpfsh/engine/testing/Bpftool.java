package io.bpfsh.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bpftool as the independent oracle: what the kernel holds, as another tool sees it. Parses only the
 * flat fields of bpftool's JSON that the tests compare, so no JSON library is needed.
 */
public final class Bpftool {
    private Bpftool() {
    }

    /** Runs bpftool with the arguments and returns its stdout; fails the test on a non-zero exit. */
    public static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bpftool");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bpftool timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("bpftool failed (" + p.exitValue() + "): " + cmd + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run bpftool (apt-get install bpftool): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** `bpftool -j map show pinned PATH`. */
    public static String mapShowPinned(String path) {
        return run("-j", "map", "show", "pinned", path);
    }

    public static String progShowPinned(String path) {
        return run("-j", "prog", "show", "pinned", path);
    }

    /** A number field of a flat JSON object, e.g. {@code field(json, "id")}. */
    public static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no numeric field " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** A string field of a flat JSON object. */
    public static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no string field " + field + " in " + json);
        }
        return m.group(1);
    }
}
