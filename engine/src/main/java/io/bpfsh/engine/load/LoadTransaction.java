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
 * in the log, so they are never touched.
 */
final class LoadTransaction {
    private final Bpffs bpffs;
    private final List<BpfObject> opened = new ArrayList<>();
    private final List<PinPath> createdPins = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();

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

    /** The load is complete: nothing to undo, and nothing for a shutdown to wait for. */
    void commit() {
        InFlightLoads.end(this);
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

    void directoriesCreated(List<Path> dirs) {
        createdDirectories.addAll(dirs);
    }

    /** The directories this load created; the module removes them at close when they are left empty. */
    List<Path> createdDirectories() {
        return List.copyOf(createdDirectories);
    }

    void rollback() {
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
