package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.sys.BpfObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo log of one load: every FD it opened, every pin and directory it created. A failed load
 * rolls back all of it, so bpffs is left as the load found it; pins that existed before are never
 * in the log, so they are never touched. A map that replaces an incompatible pin is pinned beside it
 * during the load and renamed over it only at {@link #commit}, once everything else succeeded: a failed
 * load leaves the old pin in place.
 */
final class LoadTransaction {
    private final Bpffs bpffs;
    private final List<BpfObject> opened = new ArrayList<>();
    private final List<PinPath> createdPins = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    private final List<Replacement> replacements = new ArrayList<>();

    /** A new object pinned at {@code temporary}, to be renamed over {@code target}, where {@code old} is pinned. */
    private record Replacement(PinPath temporary, PinPath target, BpfObject old) {
    }

    LoadTransaction(Bpffs bpffs) {
        this.bpffs = bpffs;
        InFlightLoads.begin(this);
    }

    /** Each step of a load ends here; a SIGINT or SIGTERM meanwhile interrupts it (see {@link InFlightLoads}). */
    <T extends BpfObject> T opened(T object) {
        opened.add(object);
        InFlightLoads.checkNotInterrupted();
        return object;
    }

    /** Closes an object the load opened and then gave up (e.g. a map that lost a pin race). */
    void discard(BpfObject object) {
        opened.remove(object);
        object.close();
    }

    void pinCreated(PinPath pin) {
        createdPins.add(pin);
        InFlightLoads.checkNotInterrupted();
    }

    /** @param old the object pinned at the target now, held so that a failed commit can pin it back */
    void replacementPinned(PinPath temporary, PinPath target, BpfObject old) {
        createdPins.add(temporary);
        replacements.add(new Replacement(temporary, target, old));
        InFlightLoads.checkNotInterrupted();
    }

    /**
     * Renames every replacement over its target, each in one step. Should a rename fail, the ones
     * already done are undone by renaming the old objects back (pinned beside, then renamed), the
     * temporary pins are removed, and the failure is thrown for the caller to roll back the rest.
     * Once it returns the load is complete: nothing to undo, and nothing for a shutdown to wait for.
     */
    void commit() throws EngineException {
        InFlightLoads.checkNotInterrupted(); // the last moment a shutdown can still undo the whole load
        List<Replacement> done = new ArrayList<>();
        try {
            for (Replacement r : replacements) {
                bpffs.renameOver(r.temporary(), r.target());
                createdPins.remove(r.temporary());
                done.add(r);
            }
        } catch (EngineException | RuntimeException e) {
            for (Replacement r : done) {
                try {
                    bpffs.replacePin(r.old(), r.target());
                } catch (EngineException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
        for (Replacement r : replacements) {
            r.old().close();
        }
        replacements.clear();
        InFlightLoads.end(this);
    }

    void directoriesCreated(List<Path> dirs) {
        createdDirectories.addAll(dirs);
    }

    /** The directories this load created; the module removes them at close when they are left empty. */
    List<Path> createdDirectories() {
        return List.copyOf(createdDirectories);
    }

    void rollback() {
        for (Replacement r : replacements) {
            r.old().close();
        }
        replacements.clear();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        for (PinPath pin : createdPins) {
            try {
                bpffs.removePin(pin);
            } catch (EngineException e) {
                // best effort: nothing else can be done for a pin that cannot be removed
            }
        }
        bpffs.removeEmptyDirectories(createdDirectories);
        opened.clear();
        createdPins.clear();
        createdDirectories.clear();
        InFlightLoads.end(this);
    }
}
