package io.bpfsh.engine.events;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.ProgInfo;

/** Which loaded programs refer to a map, from every program's map ids (root sees them all). */
final class MapUsers {
    private MapUsers() {
    }

    static boolean anyProgramUses(int mapId) throws BpfException {
        return firstUser(mapId, false) != null;
    }

    /** The BTF id of a program that uses the map and carries BTF, or 0. */
    static int programBtfId(int mapId) throws BpfException {
        ProgInfo p = firstUser(mapId, true);
        return p == null ? 0 : p.btfId();
    }

    private static ProgInfo firstUser(int mapId, boolean withBtf) throws BpfException {
        for (int id : KernelObjects.progIds()) {
            try (BpfProgram p = KernelObjects.openProgram(id)) {
                if (p.info().mapIds().contains(mapId) && (!withBtf || p.info().btfId() != 0)) {
                    return p.info();
                }
            } catch (BpfException e) {
                if (!e.is(Errno.ENOENT)) { // unloaded between listing and opening
                    throw e;
                }
            }
        }
        return null;
    }
}
