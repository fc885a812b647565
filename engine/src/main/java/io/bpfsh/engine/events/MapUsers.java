package io.bpfsh.engine.events;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;

/** Which loaded programs refer to a map, from every program's map ids (root sees them all). */
final class MapUsers {
    private MapUsers() {
    }

    static boolean anyProgramUses(int mapId) throws BpfException {
        for (int id : KernelObjects.progIds()) {
            try (BpfProgram p = KernelObjects.openProgram(id)) {
                if (p.info().mapIds().contains(mapId)) {
                    return true;
                }
            } catch (BpfException e) {
                if (!e.is(Errno.ENOENT)) { // unloaded between listing and opening
                    throw e;
                }
            }
        }
        return false;
    }
}
