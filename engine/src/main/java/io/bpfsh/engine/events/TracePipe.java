package io.bpfsh.engine.events;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Tracefs;
import io.bpfsh.engine.sys.Epoll;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.NativeCallException;
import io.bpfsh.engine.sys.NonBlockingFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of tracefs' trace_pipe: what bpf_printk (bpf_trace_printk) writes, one line per call, with
 * the kernel's prefix (task, pid, CPU, flags, timestamp). Reading consumes them: the kernel keeps
 * one pipe for the whole system, so two readers split the lines between them.
 */
public final class TracePipe implements AutoCloseable {
    private static final int WAIT_SLICE_MILLIS = 100;

    private final NonBlockingFile pipe;
    private final Epoll epoll;
    private final String note;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private boolean closed;

    private TracePipe(NonBlockingFile pipe, Epoll epoll, String note) {
        this.pipe = pipe;
        this.epoll = epoll;
        this.note = note;
    }

    /** Opens the pipe of the mounted tracefs, mounting tracefs first when it is missing. */
    public static TracePipe open() throws EngineException {
        Tracefs tracefs = Tracefs.locateOrMount();
        NonBlockingFile pipe;
        try {
            pipe = NonBlockingFile.open(tracefs.tracePipe().toString());
        } catch (NativeCallException e) {
            if (e.is(Errno.EBUSY)) {
                // the kernel refuses new readers while another process holds the tracing buffer in some way
                throw new TracePipeBusyException(tracefs.tracePipe() + " is busy (EBUSY): another process is using "
                        + "the tracing buffer; try again");
            }
            throw e;
        }
        Epoll epoll = null;
        try {
            epoll = Epoll.create();
            epoll.add(pipe.fd(), Epoll.EPOLLIN, 0, tracefs.tracePipe().toString());
            return new TracePipe(pipe, epoll, tracefs.note());
        } catch (EngineException | RuntimeException e) {
            Resources.closeAll(epoll, pipe);
            throw e;
        }
    }

    /** "mounted tracefs at ..." when opening had to mount it, else null. */
    public String note() {
        return note;
    }

    /** Complete lines ready now (without their newline); waits up to {@code timeout} when none are. */
    public List<String> read(Duration timeout) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] ready = new int[1];
        while (true) {
            synchronized (this) {
                if (closed) {
                    return List.of();
                }
                List<String> lines = new ArrayList<>();
                int n;
                while ((n = pipe.read(buffer)) > 0) {
                    split(n, lines);
                }
                long left = deadline - System.nanoTime();
                if (!lines.isEmpty() || n < 0 || left <= 0 || Thread.currentThread().isInterrupted()) {
                    return lines;
                }
                epoll.await((int) Math.min(WAIT_SLICE_MILLIS, Math.max(1, left / 1_000_000)), ready);
            }
        }
    }

    private void split(int n, List<String> lines) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                partial.write(buffer, start, i - start);
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                start = i + 1;
            }
        }
        partial.write(buffer, start, n - start);
    }

    /** Waits for a read in progress (it holds the lock), so nothing is unmapped under it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Resources.closeAll(epoll, pipe);
        }
    }
}
