package io.bpfsh.engine.fs;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The directories between a bpffs root and a pin: created top-down before pinning, removed when a load fails. */
final class ParentDirectories {
    private final Bpffs bpffs;

    ParentDirectories(Bpffs bpffs) {
        this.bpffs = bpffs;
    }

    /**
     * Creates the missing directories between the bpffs.root() and the pin's parent, top-down, mode 0700 (as gobpf
     * and iproute2 do), each with mkdirat in its parent's FD. Returns the directories it created, so that a
     * failed load can remove them. The bpffs.root() itself is created when missing (not recorded: it is where the
     * session works, not something a load made).
     */
    List<Path> createParents(PinPath pin) throws EngineException {
        Bpffs.requireCreatable(pin);
        bpffs.requireMounted();
        createRoot("pin " + pin);
        List<String> names = Bpffs.names(pin);
        List<Path> created = new ArrayList<>();
        BpffsDirectory d = BpffsDirectory.openRoot(bpffs.root());
        try {
            for (String n : names.subList(0, names.size() - 1)) {
                BpffsDirectory c = d.childOrNull(n);
                if (c == null) {
                    int r = d.mkdir(n);
                    if (r == 0) {
                        created.add(d.path().resolve(n));
                    } else if (r != -Errno.EEXIST.number()) { // EEXIST: another loader made it meanwhile
                        throw new BpffsException("create directory " + d.path().resolve(n) + ": "
                                + BpffsDirectory.reason(-r));
                    }
                    c = d.child(n);
                }
                d.close();
                d = c;
            }
            return created;
        } catch (BpffsException e) {
            removeEmptyDirectories(created);
            throw e.getMessage().startsWith("create directory") ? e : new BpffsException("pin " + pin + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeEmptyDirectories(created);
            throw e;
        } finally {
            d.close();
        }
    }

    /** The bpffs.root() is where the session works: made on first use, on an existing bpffs only (see requireMounted). */
    private void createRoot(String operation) throws BpffsException {
        if (Files.isDirectory(bpffs.root())) {
            return;
        }
        try {
            Files.createDirectories(bpffs.root(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new BpffsException(operation + ": create directory " + bpffs.root() + ": " + IoReason.of(e), e);
        }
    }

    /** Removes, deepest first, those of the given directories that are empty; others stay. */
    void removeEmptyDirectories(List<Path> directories) {
        List<Path> order = new ArrayList<>(directories);
        order.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path d : order) {
            // best effort, through the parent's FD: a directory that holds pins, or was swapped for
            // something else, is left
            try (BpffsDirectory parent = bpffs.parentOrNull(new PinPath(d, bpffs.root()))) {
                if (parent != null) {
                    parent.rmdir(d.getFileName().toString());
                }
            } catch (BpffsException e) {
                // left
            }
        }
    }
}
