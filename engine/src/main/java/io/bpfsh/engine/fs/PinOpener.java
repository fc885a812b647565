package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfCommand;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.Fd;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;

/** Opening a pin: BPF_OBJ_GET on the pin's own O_PATH FD, opened in its parent directory's FD (for {@link Bpffs}). */
final class PinOpener {
    private final Bpffs bpffs;

    PinOpener(Bpffs bpffs) {
        this.bpffs = bpffs;
    }

    /** Opens whatever is pinned at the path (map, prog or link); a symlink there is refused, not followed. */
    BpfObject open(PinPath path, PinAccess access) throws EngineException {
        try (Fd pin = openPin("get", path)) {
            return KernelObjects.openPinned(pin, path.toString(), access);
        }
    }

    /** Opens whatever is pinned at the path, read-write or, when only reading is allowed, read-only. */
    BpfObject openAsAllowed(PinPath path) throws EngineException {
        try (Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedAsAllowed(pin, path.toString());
        }
    }

    BpfMap openMap(PinPath path, PinAccess access) throws EngineException {
        try (Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedMap(pin, path.toString(), access);
        }
    }

    BpfProgram openProgram(PinPath path) throws EngineException {
        try (Fd pin = openPin("get", path)) {
            return KernelObjects.openPinnedProgram(pin, path.toString());
        }
    }

    /** An O_PATH FD of the pin itself; ENOENT is a BpfException as BPF_OBJ_GET gives it, for callers that retry. */
    private Fd openPin(String operation, PinPath path) throws EngineException {
        bpffs.requireMounted();
        try (BpffsDirectory parent = bpffs.parentOrNull(path)) {
            if (parent == null) {
                throw new BpfException(BpfCommand.OBJ_GET, Errno.ENOENT.number(), path.toString());
            }
            FsCalls.Stat s = parent.stat(path.name());
            if (s.errno() == 0 && s.type() == FsCalls.S_IFDIR) {
                // the kernel answers EACCES for a directory; say what it is instead
                throw new BpffsException(operation + " " + path + ": is a directory, not a pinned object");
            }
            int fd = parent.openEntry(path.name());
            if (fd == -Errno.ENOENT.number()) {
                throw new BpfException(BpfCommand.OBJ_GET, Errno.ENOENT.number(), path.toString());
            }
            if (fd < 0) {
                throw new BpffsException(operation + " " + path + parent.refusal(path.name(), -fd));
            }
            return Fd.adopt(fd);
        } catch (BpffsException e) {
            throw e.getMessage().startsWith(operation + " ") ? e
                    : new BpffsException(operation + " " + path + ": " + e.getMessage(), e);
        }
    }
}
