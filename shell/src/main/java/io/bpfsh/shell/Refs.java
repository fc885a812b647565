package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import java.util.Optional;

/**
 * The one place that turns a REF into a kernel object:
 * <ul>
 *   <li>{@code MODULE:NAME}: a map of a loaded module by map name, or a program by section name;</li>
 *   <li>{@code @NAME}: a handle opened with {@code get};</li>
 *   <li>{@code id:N}: a kernel map by id (for commands that take any object, a program when no map
 *       has that id); {@code id:map:N} and {@code id:prog:N} say which kind, for when a map and a
 *       program share a number;</li>
 *   <li>anything else: a pin path, absolute (inside the bpffs root) or relative to it. A pin path
 *       whose first name contains ':' can be written {@code ./a:b}.</li>
 * </ul>
 * Objects of modules and handles are borrowed; those opened for the command are closed with the
 * {@link Resolved}.
 */
public final class Refs {
    private Refs() {
    }

    /** A map named as MODULE:NAME: the module that loaded it and its definition there. */
    public record ModuleMap(String moduleName, Module module, LoadedMap map) {
    }

    /** A resolved object; closing it closes the FD only when it was opened for this command. */
    public static final class Resolved<T extends BpfObject> implements AutoCloseable {
        private final T object;
        private final boolean owned;
        private final String origin;
        private final ModuleMap moduleMap;
        private final LoadedProgram loadedProgram;

        Resolved(T object, boolean owned, String origin) {
            this(object, owned, origin, null, null);
        }

        Resolved(T object, boolean owned, String origin, ModuleMap moduleMap) {
            this(object, owned, origin, moduleMap, null);
        }

        Resolved(T object, boolean owned, String origin, ModuleMap moduleMap, LoadedProgram loadedProgram) {
            this.object = object;
            this.owned = owned;
            this.origin = origin;
            this.moduleMap = moduleMap;
            this.loadedProgram = loadedProgram;
        }

        /** The module's program when the REF was MODULE:SECTION: its section name says how to attach it. */
        public Optional<LoadedProgram> loadedProgram() {
            return Optional.ofNullable(loadedProgram);
        }

        public T object() {
            return object;
        }

        /** The module and its map definition when the REF was MODULE:NAME and named a map. */
        public Optional<ModuleMap> moduleMap() {
            return Optional.ofNullable(moduleMap);
        }

        /** How the REF was resolved: "module custom, map dummy_array_custom", "@h", a pin path, "id:5". */
        public String origin() {
            return origin;
        }

        @Override
        public void close() {
            if (owned) {
                object.close();
            }
        }
    }

    /** A REF that must name a map. {@code access} applies to maps opened by path or id. */
    public static Resolved<BpfMap> map(Session session, String ref, PinAccess access) throws EngineException {
        if (ref.startsWith("id:")) {
            KernelId k = KernelId.parse(ref);
            if (k.kind() == KernelId.Kind.PROG || k.kind() == KernelId.Kind.LINK) {
                throw new CommandException(ref + " is a " + (k.kind() == KernelId.Kind.PROG ? "program" : "link")
                        + ", not a map");
            }
            try {
                return new Resolved<>(KernelObjects.openMap(k.id(), access), true, ref);
            } catch (BpfException e) {
                if (e.is(Errno.ENOENT) && k.kind() == KernelId.Kind.ANY && programExists(k.id())) {
                    throw new CommandException("id " + k.id() + " is a program, not a map");
                }
                if (e.is(Errno.ENOENT)) {
                    throw new CommandException(ref + ": no map has id " + k.id());
                }
                throw e;
            }
        }
        if (!ref.startsWith("@") && moduleRef(session, ref).isEmpty()) {
            PinPath p = session.mountedBpffs().resolveExisting(ref);
            return new Resolved<>(session.bpffs().openMap(p, access), true, p.toString());
        }
        Resolved<BpfObject> any = object(session, ref);
        if (any.object() instanceof BpfMap m) {
            return new Resolved<>(m, any.owned, any.origin(), any.moduleMap);
        }
        any.close();
        throw new CommandException(ref + " is a " + any.object().kind().displayName() + ", not a map");
    }

    /** A REF that must name a program; {@code id:N} is a program id here. */
    public static Resolved<BpfProgram> program(Session session, String ref) throws EngineException {
        if (ref.startsWith("id:")) {
            KernelId k = KernelId.parse(ref);
            if (k.kind() == KernelId.Kind.MAP || k.kind() == KernelId.Kind.LINK) {
                throw new CommandException(ref + " is a " + (k.kind() == KernelId.Kind.MAP ? "map" : "link")
                        + ", not a program");
            }
            try {
                return new Resolved<>(KernelObjects.openProgram(k.id()), true, ref);
            } catch (BpfException e) {
                if (e.is(Errno.ENOENT)) {
                    throw new CommandException(ref + ": no program has id " + k.id());
                }
                throw e;
            }
        }
        Resolved<BpfObject> any = object(session, ref);
        if (any.object() instanceof BpfProgram p) {
            return new Resolved<>(p, any.owned, any.origin(), null, any.loadedProgram);
        }
        any.close();
        throw new CommandException(ref + " is a " + any.object().kind().displayName() + ", not a program");
    }

    /** A REF that must name a link: {@code @NAME} (from attach or get), {@code id:N} (a link id) or a pin path. */
    public static Resolved<BpfLink> link(Session session, String ref) throws EngineException {
        if (ref.startsWith("id:")) {
            KernelId k = KernelId.parse(ref);
            if (k.kind() == KernelId.Kind.MAP || k.kind() == KernelId.Kind.PROG) {
                throw new CommandException(ref + " is a " + (k.kind() == KernelId.Kind.MAP ? "map" : "program")
                        + ", not a link");
            }
            return new Resolved<>(KernelObjects.openLink(k.id()), true, ref);
        }
        Resolved<BpfObject> any = object(session, ref);
        if (any.object() instanceof BpfLink l) {
            return new Resolved<>(l, any.owned, any.origin());
        }
        any.close();
        throw new CommandException(ref + " is a " + any.object().kind().displayName() + ", not a link");
    }

    /** A REF that may name a map, program or link. */
    public static Resolved<BpfObject> object(Session session, String ref) throws EngineException {
        if (ref.startsWith("@")) {
            Handle h = session.handle(ref);
            return new Resolved<>(h.object(), false, "@" + h.name() + ", " + Handle.accessName(h.access())
                    + " handle on " + h.source());
        }
        if (ref.startsWith("id:")) {
            KernelId k = KernelId.parse(ref);
            if (k.kind() == KernelId.Kind.LINK) {
                return new Resolved<>(KernelObjects.openLink(k.id()), true, ref);
            }
            if (k.kind() != KernelId.Kind.PROG) {
                try {
                    return new Resolved<>(KernelObjects.openMap(k.id(), PinAccess.READ_WRITE), true, ref);
                } catch (BpfException e) {
                    if (!e.is(Errno.ENOENT)) {
                        throw e;
                    }
                    if (k.kind() == KernelId.Kind.MAP) {
                        throw new CommandException(ref + ": no map has id " + k.id());
                    }
                }
            }
            try {
                return new Resolved<>(KernelObjects.openProgram(k.id()), true, ref);
            } catch (BpfException e) {
                if (e.is(Errno.ENOENT)) {
                    throw new CommandException(ref + (k.kind() == KernelId.Kind.PROG ? ": no program has id "
                            : ": no map and no program has id ") + k.id());
                }
                throw e;
            }
        }
        Optional<String[]> mod = moduleRef(session, ref);
        if (mod.isPresent()) {
            String moduleName = mod.get()[0];
            String name = mod.get()[1];
            Module m = session.module(moduleName);
            Optional<LoadedMap> lm = m.map(name);
            if (lm.isPresent()) {
                return new Resolved<>(lm.get().map(), false, "module " + moduleName + ", map " + name,
                        new ModuleMap(moduleName, m, lm.get()));
            }
            Optional<LoadedProgram> lp = m.program(name);
            if (lp.isPresent()) {
                return new Resolved<>(lp.get().program(), false, "module " + moduleName + ", program " + name, null,
                        lp.get());
            }
            throw new CommandException("module " + moduleName + " has no map or program section '" + name + "' (maps: "
                    + names(m.maps().stream().map(LoadedMap::name).toList()) + "; program sections: "
                    + names(m.programs().stream().map(LoadedProgram::section).toList()) + ")");
        }
        PinPath p = session.mountedBpffs().resolveExisting(ref);
        return new Resolved<>(session.bpffs().openAsAllowed(p), true, p.toString());
    }

    /**
     * {module, name} when the REF has the MODULE:NAME form: a ':' before any '/'. A name before the
     * ':' that is not a loaded module is an error, not a pin path, so a typo does not turn into a
     * confusing "no such file".
     */
    private static Optional<String[]> moduleRef(Session session, String ref) throws CommandException {
        int colon = ref.indexOf(':');
        if (colon <= 0 || ref.startsWith("/") || ref.startsWith("./")) {
            return Optional.empty();
        }
        int slash = ref.indexOf('/');
        if (slash >= 0 && slash < colon) {
            return Optional.empty();
        }
        String module = ref.substring(0, colon);
        if (!session.hasModule(module)) {
            session.module(module); // throws, listing the loaded modules
        }
        String name = ref.substring(colon + 1);
        if (name.isEmpty()) {
            throw new CommandException(ref + ": give a map name or program section after the ':'");
        }
        return Optional.of(new String[] {module, name});
    }

    /** Whether a program has this id: only asked to explain why no map has it. */
    private static boolean programExists(int id) {
        try (BpfProgram p = KernelObjects.openProgram(id)) {
            return true;
        } catch (BpfException e) {
            return false;
        }
    }

    private static String names(java.util.List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
