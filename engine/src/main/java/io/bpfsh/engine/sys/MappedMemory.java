package io.bpfsh.engine.sys;

import com.sun.jna.Pointer;
import io.bpfsh.engine.EngineException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One shared mapping of a kernel object's FD (a ring buffer's pages, a perf event's ring). The
 * owner closes it, which unmaps; {@link #buffer()} must not be touched after that, since the pages
 * are gone and an access would fault the whole JVM: owners serialise their reads with close.
 */
public final class MappedMemory implements AutoCloseable {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1L;

    private final Pointer address;
    private final long length;
    private final ByteBuffer buffer;
    private final AtomicBoolean mapped = new AtomicBoolean(true);

    private MappedMemory(Pointer address, long length) {
        this.address = address;
        this.length = length;
        this.buffer = address.getByteBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * mmap(2) of {@code length} bytes of {@code fd} at {@code offset}, shared, read-only or
     * read-write.
     *
     * @param what names the mapping in errors, e.g. "ring buffer map ring (id 7): consumer page"
     */
    public static MappedMemory map(Fd fd, long offset, long length, boolean writable, String what)
            throws EngineException {
        if (length <= 0 || length > Integer.MAX_VALUE) {
            // a direct ByteBuffer is int-indexed; rings that large are not worth supporting
            throw new EngineException(what + ": cannot map " + length + " bytes (at most "
                    + Integer.MAX_VALUE + ")");
        }
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        long address = SyscallTrace.traced("mmap", List.of(new SyscallEvent.Field("length", length),
                new SyscallEvent.Field("prot", new SyscallEvent.Symbol(writable ? "PROT_READ|PROT_WRITE" : "PROT_READ")),
                new SyscallEvent.Field("flags", new SyscallEvent.Symbol("MAP_SHARED")),
                new SyscallEvent.Field("fd", (long) fd.get()), new SyscallEvent.Field("offset", offset)), () -> {
                    Pointer p = LibC.mmap(null, length, prot, MAP_SHARED, fd.get(), offset);
                    long a = p == null ? MAP_FAILED : Pointer.nativeValue(p);
                    return a == MAP_FAILED ? -LibC.errno() : a;
                });
        if (address < 0) {
            throw new EngineException(what + ": mmap " + (writable ? "read-write" : "read-only")
                    + " of " + length + " bytes at offset " + offset + ": " + Errno.describe((int) -address));
        }
        return new MappedMemory(new Pointer(address), length);
    }

    /** The system page size, which the mmap offsets of rings are counted in. */
    public static int pageSize() {
        return PageSize.VALUE;
    }

    /** A little-endian direct view of the whole mapping (valid until close). */
    public ByteBuffer buffer() {
        return buffer;
    }

    public long length() {
        return length;
    }

    @Override
    public void close() {
        if (mapped.getAndSet(false)) {
            LibC.munmap(address, length);
        }
    }

    /** Computed once: the page size never changes while the process runs. */
    private static final class PageSize {
        static final int VALUE = LibC.getpagesize();
    }
}
