package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.TracePipe;
import io.bpfsh.shell.CommandException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tracelog",
        description = {"Print the lines BPF programs write with bpf_printk (bpf_trace_printk), as they arrive.",
                "They come from tracefs' trace_pipe (mounted at /sys/kernel/tracing first if it is not, and "
                        + "then said so), each with the kernel's prefix: task, pid, CPU, flags, time. The pipe "
                        + "is the whole system's and reading takes the lines out: a second reader (another "
                        + "tracelog, cat trace_pipe) gets the others. It stops at --limit lines, after "
                        + "--timeout seconds, or at Ctrl-C. --json: one {\"line\": \"...\"} a line."},
        footer = {"  tracelog                           until Ctrl-C",
                "  tracelog --limit 3 --timeout 5     in a batch: at most 3 lines, at most 5 seconds"})
final class Tracelog extends ShellCommand {
    private static final Duration SLICE = Duration.ofMillis(200);

    @Completes(ArgKind.TEXT)
    @Option(names = "--limit", paramLabel = "N", description = "Stop after N lines.")
    private Long limit;

    @Completes(ArgKind.TEXT)
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    private Double timeout;

    @Override
    protected void execute() throws EngineException {
        if (limit != null && limit <= 0) {
            throw new CommandException("tracelog: --limit must be at least 1, not " + limit);
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        try (TracePipe pipe = TracePipe.open()) {
            if (pipe.note() != null) {
                session.err().println("note: " + pipe.note());
                session.err().flush();
            }
            long n = 0;
            while ((limit == null || n < limit) && !session.clearInterrupt()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                List<String> lines = pipe.read(left < SLICE.toNanos() ? Duration.ofNanos(left) : SLICE);
                for (String line : lines) {
                    if (limit != null && n >= limit) {
                        break; // the rest of this read is dropped: the pipe has no way to give lines back
                    }
                    if (json()) {
                        jsonWriter().beginObject().field("line", line).endObject().endDocument();
                    } else {
                        out().println(line);
                        out().flush();
                    }
                    n++;
                }
            }
        }
    }
}
