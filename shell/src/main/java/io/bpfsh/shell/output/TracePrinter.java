package io.bpfsh.shell.output;

import io.bpfsh.engine.sys.SyscallEvent;
import io.bpfsh.engine.sys.SyscallListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * --trace: one line on stderr per system call, as it returns:
 * {@code trace: BPF_MAP_CREATE map_type=array key_size=4 value_size=4 max_entries=16 map_flags=0
 * map_name="dummy_array" = fd 5 (38 us)}. Texts are quoted, kernel constants and numbers are not;
 * the result is the new FD, the number returned, or the errno name. Only calls made on the thread
 * that runs commands are shown: completion looks at pins in the background.
 */
public final class TracePrinter implements SyscallListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Thread owner;

    /**
     * Shows the calls of the thread that makes it.
     *
     * @param out flushed before each line, so that on a terminal the trace sits among the output
     *            where the call happened
     */
    public TracePrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        this.owner = Thread.currentThread();
    }

    @Override
    public void called(SyscallEvent e) {
        if (Thread.currentThread() != owner) {
            return;
        }
        out.flush();
        err.println(line(e));
        err.flush();
    }

    /** The line for one call, without the line break. */
    public static String line(SyscallEvent e) {
        StringBuilder sb = new StringBuilder("trace: ").append(e.name());
        for (SyscallEvent.Field f : e.fields()) {
            sb.append(' ').append(f.name()).append('=');
            if (f.value() instanceof String s) {
                quote(sb, s);
            } else {
                sb.append(f.value());
            }
        }
        sb.append(" = ");
        if (e.failed()) {
            sb.append(e.errnoName());
        } else {
            if (e.name().equals("mmap")) {
                sb.append("0x").append(Long.toHexString(e.result())); // an address
            } else {
                sb.append(e.returnsFd() ? "fd " : "").append(e.result());
            }
        }
        return sb.append(" (").append(duration(e.nanos())).append(')').toString();
    }

    /** "38 us" below a millisecond, "1.2 ms" from there. */
    static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return Math.max(1, nanos / 1000) + " us";
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** A C-like quoted string: a path or name from a file must not move the cursor or hide text. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
