package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.IoReason;
import io.bpfsh.engine.fs.Tracefs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Tracepoints by CATEGORY/NAME under tracefs: their perf event ids, and the list of them. */
public final class Tracepoints {
    /** What tracefs names categories and events with; also keeps '..' and '/' out of the path. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private Tracepoints() {
    }

    /** The id perf_event_open takes as the config of a PERF_TYPE_TRACEPOINT event. */
    public static int id(Tracefs tracefs, String categoryAndName) throws EngineException {
        Path dir = eventDirectory(tracefs, categoryAndName);
        Path idFile = dir.resolve("id");
        try (InputStream in = Files.newInputStream(idFile, LinkOption.NOFOLLOW_LINKS)) {
            String text = new String(in.readNBytes(32), StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(text);
        } catch (NoSuchFileException e) {
            throw new EngineException("tracepoint " + categoryAndName + ": no such tracepoint (no " + idFile + ")");
        } catch (IOException e) {
            throw new EngineException("tracepoint " + categoryAndName + ": " + idFile + ": " + IoReason.of(e), e);
        } catch (NumberFormatException e) {
            throw new EngineException("tracepoint " + categoryAndName + ": " + idFile + " holds no id");
        }
    }

    private static Path eventDirectory(Tracefs tracefs, String categoryAndName) throws EngineException {
        int slash = categoryAndName.indexOf('/');
        if (slash < 0 || !PART.matcher(categoryAndName.substring(0, slash)).matches()
                || !PART.matcher(categoryAndName.substring(slash + 1)).matches()) {
            throw new EngineException("tracepoint '" + categoryAndName
                    + "': expected CATEGORY/NAME (e.g. syscalls/sys_enter_getppid)");
        }
        return tracefs.root().resolve("events").resolve(categoryAndName.substring(0, slash))
                .resolve(categoryAndName.substring(slash + 1));
    }

    /** Every tracepoint as CATEGORY/NAME, sorted (for completion); empty when tracefs cannot be read. */
    public static List<String> names(Tracefs tracefs) {
        List<String> names = new ArrayList<>();
        Path events = tracefs.root().resolve("events");
        try (DirectoryStream<Path> categories = Files.newDirectoryStream(events)) {
            for (Path c : categories) {
                if (!Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> inCategory = Files.newDirectoryStream(c)) {
                    for (Path e : inCategory) {
                        if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                            names.add(c.getFileName() + "/" + e.getFileName());
                        }
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }
}
