package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.Errno;

/** Replacing a pin in one step: pinned at a fresh name beside it, then renamed over it (for {@link Bpffs}). */
final class PinReplacement {
    /** Numbers the temporary names of replacements made by this process. */
    private static final java.util.concurrent.atomic.AtomicLong TEMPORARY_NAMES = new java.util.concurrent.atomic.AtomicLong();

    private final Bpffs bpffs;

    PinReplacement(Bpffs bpffs) {
        this.bpffs = bpffs;
    }

    /**
     * Pins the object where another pin may already be, replacing it in one step: the object is pinned
     * at a fresh name beside the target, then renamed over it ({@link #renameOver}), so readers of the
     * path see the old object or the new one and never no object. The old object lives on for whoever
     * holds it. On failure the temporary pin is removed and the target is as it was.
     */
    void replacePin(BpfObject object, PinPath target) throws EngineException {
        PinPath temporary = pinBeside(object, target);
        try {
            renameOver(temporary, target);
        } catch (EngineException | RuntimeException e) {
            removeQuietly(temporary);
            throw e;
        }
    }

    /** Pins the object at a fresh name in the target's directory, for {@link #renameOver} to move later. */
    PinPath pinBeside(BpfObject object, PinPath target) throws EngineException {
        bpffs.requireMounted();
        try (BpffsDirectory parent = bpffs.parent("replace", target)) { // says why when the directory cannot be used
            if (parent.stat(target.name()).errno() == 0 && parent.stat(target.name()).type() == FsCalls.S_IFDIR) {
                throw new BpffsException("replace " + target + ": is a directory, not a pinned object");
            }
        }
        String base = target.name().length() > 200 ? target.name().substring(0, 200) : target.name();
        for (int attempt = 0; ; attempt++) {
            PinPath temporary = new PinPath(target.path().resolveSibling(base + "_bpfsh_new_"
                    + ProcessHandle.current().pid() + "_" + TEMPORARY_NAMES.incrementAndGet()), bpffs.root());
            try {
                bpffs.pin(object, temporary);
                return temporary;
            } catch (BpfException e) {
                if (!e.is(Errno.EEXIST) || attempt == 8) {
                    throw e.withContext("replace " + target);
                }
            }
        }
    }

    /**
     * Renames a pin over another of the same directory in one step (bpffs supports rename), with
     * renameat in the directory's FD opened name by name as every operation here. What is at the target
     * must be a pin or nothing: a symlink, a mount point or a directory there is refused, not replaced.
     */
    void renameOver(PinPath from, PinPath to) throws BpffsException {
        if (!to.path().getParent().equals(from.path().getParent())) {
            throw new IllegalArgumentException(from + " and " + to + " are in different directories");
        }
        bpffs.requireMounted();
        try (BpffsDirectory parent = bpffs.parent("replace", to)) {
            FsCalls.Stat s = parent.stat(to.name());
            if (s.errno() != Errno.ENOENT.number()) {
                String refused = PinRemoval.refuseRemoval(parent, to.name(), s);
                if (refused == null && s.type() == FsCalls.S_IFDIR) {
                    refused = ": is a directory, not a pinned object";
                }
                if (refused != null) {
                    throw new BpffsException("replace " + to + refused.replace("removes no symlinks", "replaces no symlinks"));
                }
            }
            int r = parent.rename(from.name(), to.name());
            if (r != 0) {
                throw new BpffsException("replace " + to + ": rename from " + from.name() + ": "
                        + BpffsDirectory.reason(-r));
            }
        }
    }

    /** Removes a pin this process made, best effort (undoing a replacement that did not happen). */
    void removeQuietly(PinPath pin) {
        try {
            bpffs.removePin(pin);
        } catch (BpffsException e) {
            // nothing more can be done; the caller reports the failure that led here
        }
    }
}
