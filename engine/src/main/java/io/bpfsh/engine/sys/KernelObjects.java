package io.bpfsh.engine.sys;

import java.util.ArrayList;
import java.util.List;

/** Opens existing kernel objects: from a pin (BPF_OBJ_GET) or by id, and lists live ids. */
public final class KernelObjects {
    private KernelObjects() {
    }

    /**
     * BPF_OBJ_GET on an absolute path (validate it first; see io.bpfsh.engine.fs.Bpffs). Returns a
     * {@link BpfMap}, {@link BpfProgram} or {@link BpfLink}.
     */
    public static BpfObject openPinned(String path, PinAccess access) throws BpfException {
        return get(path, path, access);
    }

    /**
     * BPF_OBJ_GET on the very file an O_PATH FD holds (io.bpfsh.engine.fs opens it without following
     * symlinks or crossing mounts). BPF_OBJ_GET's path_fd cannot name the file itself (the kernel's
     * lookup has no AT_EMPTY_PATH) and a name relative to the directory's FD would follow a symlink swapped
     * in at the name; /proc/self/fd/N resolves to exactly the inode the FD holds.
     *
     * @param shown the pin's path, for messages
     */
    public static BpfObject openPinned(Fd pin, String shown, PinAccess access) throws BpfException {
        return get(procPath(pin), shown, access);
    }

    public static BpfObject openPinnedAsAllowed(Fd pin, String shown) throws BpfException {
        return asAllowed(procPath(pin), shown);
    }

    public static BpfMap openPinnedMap(Fd pin, String shown, PinAccess access) throws BpfException,
            WrongObjectKindException {
        return openMap(procPath(pin), shown, access);
    }

    public static BpfProgram openPinnedProgram(Fd pin, String shown) throws BpfException, WrongObjectKindException {
        return requireKind(get(procPath(pin), shown, PinAccess.READ_WRITE), BpfProgram.class, ObjectKind.PROG, shown);
    }

    private static String procPath(Fd pin) {
        return "/proc/self/fd/" + pin.get();
    }

    private static BpfObject get(String path, String shown, PinAccess access) throws BpfException {
        return wrap(new Fd(ObjectCommands.get(path, access.flags, shown)), shown);
    }

    /**
     * Opens a pinned object read-write, or read-only when the pin grants only read permission (EACCES):
     * read permission is enough to look at a map. Programs and links cannot be opened read-only, so for
     * them the first refusal is the one reported.
     */
    public static BpfObject openPinnedAsAllowed(String path) throws BpfException {
        return asAllowed(path, path);
    }

    private static BpfObject asAllowed(String path, String shown) throws BpfException {
        try {
            return get(path, shown, PinAccess.READ_WRITE);
        } catch (BpfException e) {
            if (!e.is(Errno.EACCES)) {
                throw e;
            }
            try {
                return get(path, shown, PinAccess.READ_ONLY);
            } catch (BpfException readOnly) {
                throw readOnly.is(Errno.EINVAL) ? e : readOnly;
            }
        }
    }

    /** Opens a pinned map; fails with {@link WrongObjectKindException} for a prog or link. */
    public static BpfMap openPinnedMap(String path, PinAccess access) throws BpfException, WrongObjectKindException {
        return openMap(path, path, access);
    }

    private static BpfMap openMap(String path, String shown, PinAccess access) throws BpfException,
            WrongObjectKindException {
        try {
            return requireKind(get(path, shown, access), BpfMap.class, ObjectKind.MAP, shown);
        } catch (BpfException e) {
            // programs and links cannot be opened read- or write-only (EINVAL): say what is there instead
            if (e.is(Errno.EINVAL) && access != PinAccess.READ_WRITE) {
                ObjectKind found;
                try (BpfObject o = get(path, shown, PinAccess.READ_WRITE)) {
                    found = o.kind();
                } catch (BpfException other) {
                    throw e;
                }
                if (found != ObjectKind.MAP) {
                    throw new WrongObjectKindException(shown, found, ObjectKind.MAP);
                }
            }
            throw e;
        }
    }

    public static BpfProgram openPinnedProgram(String path) throws BpfException, WrongObjectKindException {
        return requireKind(openPinned(path, PinAccess.READ_WRITE), BpfProgram.class, ObjectKind.PROG, path);
    }

    public static BpfMap openMap(int id, PinAccess access) throws BpfException {
        String subject = "map id " + id;
        return BpfMap.fromNewFd(new Fd(byId(BpfCommand.MAP_GET_FD_BY_ID, id, access.flags, subject)), subject);
    }

    public static BpfProgram openProgram(int id) throws BpfException {
        String subject = "prog id " + id;
        return BpfProgram.fromNewFd(new Fd(byId(BpfCommand.PROG_GET_FD_BY_ID, id, 0, subject)), subject);
    }

    public static BpfLink openLink(int id) throws BpfException {
        String subject = "link id " + id;
        return BpfLink.fromNewFd(new Fd(byId(BpfCommand.LINK_GET_FD_BY_ID, id, 0, subject)), subject);
    }

    /** Opens a pinned link; fails with {@link WrongObjectKindException} for a map or program. */
    public static BpfLink openPinnedLink(String path) throws BpfException, WrongObjectKindException {
        return requireKind(openPinned(path, PinAccess.READ_WRITE), BpfLink.class, ObjectKind.LINK, path);
    }

    /** *_GET_FD_BY_ID: the kernel lets only CAP_SYS_ADMIN open objects it did not hand out. */
    static int byId(BpfCommand cmd, int id, int openFlags, String subject) throws BpfException {
        long r = ObjectCommands.getFdById(cmd, id, openFlags);
        if (r == -Errno.EPERM.number()) {
            throw new MissingPrivilegeException(cmd, subject, "root or CAP_SYS_ADMIN is needed to open by id");
        }
        if (r < 0) {
            throw new BpfException(cmd, (int) -r, subject);
        }
        return (int) r;
    }

    /** Ids of every map the kernel holds, ascending. */
    public static List<Integer> mapIds() throws BpfException {
        return ids(BpfCommand.MAP_GET_NEXT_ID);
    }

    public static List<Integer> progIds() throws BpfException {
        return ids(BpfCommand.PROG_GET_NEXT_ID);
    }

    public static List<Integer> linkIds() throws BpfException {
        return ids(BpfCommand.LINK_GET_NEXT_ID);
    }

    /** What the kernel reports about every map it holds, by id; maps freed while listing are left out. */
    public static List<MapInfo> allMaps() throws BpfException {
        List<MapInfo> infos = new ArrayList<>();
        for (int id : mapIds()) {
            try (BpfMap m = openMap(id, PinAccess.READ_ONLY)) {
                infos.add(m.info());
            } catch (BpfException e) {
                skipVanished(e);
            }
        }
        return infos;
    }

    public static List<ProgInfo> allPrograms() throws BpfException {
        List<ProgInfo> infos = new ArrayList<>();
        for (int id : progIds()) {
            try (BpfProgram p = openProgram(id)) {
                infos.add(p.info());
            } catch (BpfException e) {
                skipVanished(e);
            }
        }
        return infos;
    }

    public static List<LinkInfo> allLinks() throws BpfException {
        List<LinkInfo> infos = new ArrayList<>();
        for (int id : linkIds()) {
            try (BpfLink l = openLink(id)) {
                infos.add(l.info());
            } catch (BpfException e) {
                skipVanished(e);
            }
        }
        return infos;
    }

    /** An id listed a moment ago whose object is gone now (ENOENT) is not an error; anything else is. */
    private static void skipVanished(BpfException e) throws BpfException {
        if (!e.is(Errno.ENOENT)) {
            throw e;
        }
    }

    private static List<Integer> ids(BpfCommand cmd) throws BpfException {
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        while (true) {
            long r = ObjectCommands.getNextId(cmd, start);
            if (r == -Errno.ENOENT.number()) {
                return ids;
            }
            if (r < 0) {
                throw new BpfException(cmd, (int) -r, "");
            }
            start = (int) r;
            ids.add(start);
        }
    }

    private static BpfObject wrap(Fd fd, String label) throws BpfException {
        ObjectKind kind = ObjectKind.ofFd(fd.get());
        switch (kind) {
            case MAP:
                return BpfMap.fromNewFd(fd, label);
            case PROG:
                return BpfProgram.fromNewFd(fd, label);
            case LINK:
                return BpfLink.fromNewFd(fd, label);
            default:
                fd.close();
                throw new BpfException(BpfCommand.OBJ_GET, Errno.EINVAL.number(), label,
                        "not a map, program or link");
        }
    }

    private static <T extends BpfObject> T requireKind(BpfObject o, Class<T> type, ObjectKind wanted, String path)
            throws WrongObjectKindException {
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        o.close();
        throw new WrongObjectKindException(path, o.kind(), wanted);
    }
}
