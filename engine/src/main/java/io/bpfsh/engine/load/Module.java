package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.IoReason;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.fs.PinPathException;
import io.bpfsh.engine.spec.MapLayout;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.engine.spec.Relocation;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.ProgramLoadAttributes;
import io.bpfsh.engine.sys.UpdateMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An eBPF object file and, once loaded, its maps and programs: gobpf's {@code NewModule} /
 * {@code Load(secParams)} / {@code CloseExt(options)} in Java. Loading is all-or-nothing; closing
 * never unpins unless {@link CloseOptions} ask for it.
 *
 * <pre>{@code
 * try (Module m = Module.open(Path.of("samples/gobpf_custom.o"))) {
 *     m.load(Map.of("maps/dummy_array_custom", SectionParams.pinPath("ns1/test1")));
 *     BpfMap map = m.map("dummy_array_custom").orElseThrow().map();
 *     ...
 *     m.close(Map.of("maps/dummy_array_custom", CloseOptions.unpinning("ns1/test1")));
 * }
 * }</pre>
 */
public final class Module implements AutoCloseable {
    /** How often a load retries a pin that other loaders race it for (libbpf tries twice). */
    static final int PIN_RACE_ATTEMPTS = 8;

    private final Path file;
    private final Bpffs bpffs;
    private final ObjectSpec spec;
    private final String objectId;
    private List<LoadedMap> maps = List.of();
    private List<LoadedProgram> programs = List.of();
    private List<Path> createdDirectories = List.of();
    private PinLocations locations;
    private boolean loaded;
    private boolean closed;

    private Module(Path file, Bpffs bpffs, ObjectSpec spec, String objectId) {
        this.file = file;
        this.bpffs = bpffs;
        this.spec = spec;
        this.objectId = objectId;
    }

    /** Reads and checks the object; touches no kernel object yet. Pins go under /sys/fs/bpf. */
    public static Module open(Path file) throws EngineException {
        return open(file, Bpffs.atDefaultRoot());
    }

    public static Module open(Path file, Bpffs bpffs) throws EngineException {
        ElfFile elf = ElfFile.read(file);
        return new Module(file, bpffs, ObjectSpec.from(elf, file), sha1(elf.bytes()));
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    public Path file() {
        return file;
    }

    public Bpffs bpffs() {
        return bpffs;
    }

    /** What the object asks for (pure; what {@code load --dry-run} shows). */
    public ObjectSpec spec() {
        return spec;
    }

    /** The hex SHA-1 of the ELF file: the directory PIN_OBJECT_NS maps pin under. */
    public String objectId() {
        return objectId;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public List<LoadedMap> maps() {
        return maps;
    }

    public Optional<LoadedMap> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<LoadedProgram> programs() {
        return programs;
    }

    /** A program by section name, or by function name when a section holds several programs. */
    public Optional<LoadedProgram> program(String section) {
        List<LoadedProgram> inSection = programs.stream().filter(p -> p.section().equals(section)).toList();
        if (inSection.size() == 1) {
            return Optional.of(inSection.get(0));
        }
        return programs.stream().filter(p -> p.name().equals(section)).findFirst();
    }

    public LoadReport load(Map<String, SectionParams> params) throws EngineException {
        return load(params, LoadOptions.defaults());
    }

    /**
     * Creates or reuses every map, pins them as their pinning option says, and loads every program with
     * its relocations applied. If anything fails, every FD this load opened is closed, every pin and
     * directory it created is removed, and pins that existed before are left untouched.
     *
     * @param params per-map parameters keyed by {@code "maps/<name>"}; unknown keys are an error
     */
    public LoadReport load(Map<String, SectionParams> params, LoadOptions options) throws EngineException {
        if (closed) {
            throw new EngineException(file + ": module is closed");
        }
        if (loaded) {
            throw new EngineException(file + ": already loaded");
        }
        Map<String, SectionParams> p = params == null ? Map.of() : params;
        checkKeys(p.keySet(), "SectionParams");
        PinLocations where = new PinLocations(bpffs, file.toString(), objectId, options.pinRoot());

        // every definition and pin path is checked before the first syscall: bad input changes nothing
        List<MapSpec> wanted = new ArrayList<>();
        Map<String, PinPath> pins = new LinkedHashMap<>();
        for (MapSpec m : spec.maps()) {
            SectionParams sp = p.get(m.key());
            // max_entries is a u32: an int with the top bit set is above 2^31, not negative
            MapSpec w = MapDefaults.fill(sp != null && sp.maxEntries() != 0 ? m.withMaxEntries(sp.maxEntries()) : m);
            wanted.add(w);
            PinPath pin = where.resolve(w, sp == null ? null : sp.pinPath());
            if (pin != null) {
                try {
                    Bpffs.requireCreatable(pin);
                } catch (PinPathException e) {
                    throw new PinPathException(file + ": map " + w.name() + ": " + e.getMessage());
                }
                for (Map.Entry<String, PinPath> other : pins.entrySet()) {
                    if (other.getValue().equals(pin)) {
                        throw new EngineException(file + ": maps " + other.getKey() + " and " + w.name()
                                + " would both pin at " + pin);
                    }
                }
                pins.put(w.name(), pin);
            }
        }
        if (!pins.isEmpty()) {
            bpffs.requireMounted();
        }

        LoadTransaction tx = new LoadTransaction(bpffs);
        List<LoadEvent> events = new ArrayList<>();
        // the kernel keeps the BTF alive through the maps that use it; our FD is only needed while creating them
        try (BpfBtf btf = loadBtf(events)) {
            List<LoadedMap> loadedMaps = new ArrayList<>();
            for (MapSpec m : wanted) {
                loadedMaps.add(createOrReuse(m, pins.get(m.name()), btf, tx, events, options.maxMapMemory()));
            }
            List<LoadedProgram> loadedPrograms = new ArrayList<>();
            for (ProgramSpec ps : spec.programs()) {
                BpfProgram prog = tx.opened(loadProgram(ps, loadedMaps));
                loadedPrograms.add(new LoadedProgram(ps, prog));
                events.add(new LoadEvent(LoadEvent.Kind.LOADED, "program " + ps.section(), null,
                        ps.type().displayName() + ", id " + prog.id()));
            }
            for (String s : spec.skippedSections()) {
                // "name: reason": section names may hold ':' (usdt/libc.so.6:libc:setjmp); our reasons never do
                int split = s.lastIndexOf(": ");
                events.add(new LoadEvent(LoadEvent.Kind.SKIPPED, "section " + s.substring(0, split), null,
                        s.substring(split + 2)));
            }
            maps = List.copyOf(loadedMaps);
            programs = List.copyOf(loadedPrograms);
            createdDirectories = tx.createdDirectories();
            locations = where;
            loaded = true;
            return new LoadReport(events);
        } catch (EngineException | RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /** The object's BTF in the kernel, or null (no BTF, or the kernel refused it: said in a NOTE). */
    private BpfBtf loadBtf(List<LoadEvent> events) {
        if (spec.kernelBtf() == null || spec.maps().stream().noneMatch(m -> m.btfValueTypeId() != 0)) {
            return null;
        }
        try {
            return BpfBtf.load(spec.kernelBtf(), file + ": .BTF");
        } catch (BpfException e) {
            events.add(new LoadEvent(LoadEvent.Kind.NOTE, "maps created without BTF: the kernel refused the object's BTF ("
                    + e.getMessage() + ")", null, null));
            return null;
        }
    }

    /** Creates a map, with its BTF types when there are any; a kernel that refuses them gets the map without. */
    private BpfMap create(MapSpec m, BpfBtf btf, List<LoadEvent> events) throws BpfException {
        MapAttributes plain = attributes(m);
        if (btf != null && m.btfValueTypeId() != 0) {
            try {
                return BpfMap.create(plain.withBtf(btf.fd().get(), m.btfKeyTypeId(), m.btfValueTypeId()));
            } catch (BpfException e) {
                if (e.getMessage().contains("CAP_BPF")) {
                    throw e;
                }
                events.add(new LoadEvent(LoadEvent.Kind.NOTE, "map " + m.name() + " created without BTF types ("
                        + e.getMessage() + ")", null, null));
            }
        }
        return BpfMap.create(plain);
    }

    /**
     * Reuses the map pinned at the map's path, or creates one and pins it there. Other loaders may
     * pin, unpin and remove directories at the same time; each such race (the pin appears first, or
     * vanishes between the check and BPF_OBJ_GET, or its directory is removed before the pin) is
     * retried, a bounded number of times.
     */
    private LoadedMap createOrReuse(MapSpec m, PinPath pin, BpfBtf btf, LoadTransaction tx, List<LoadEvent> events,
            long maxMapMemory) throws EngineException {
        BpfMap created = null;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt == PIN_RACE_ATTEMPTS;
            if (pin != null && bpffs.exists(pin)) {
                BpfMap reused = reuse(m, pin);
                if (reused != null) {
                    tx.opened(reused);
                    if (created != null) {
                        tx.discard(created); // another loader pinned first: use its map
                    }
                    events.add(new LoadEvent(LoadEvent.Kind.REUSED, "map " + m.name(), pin.toString(),
                            "id " + reused.id()));
                    return new LoadedMap(m, reused, pin, true);
                }
                if (lastAttempt) {
                    throw raced(m, pin);
                }
                continue; // unpinned between the check and the open
            }
            if (created == null) {
                checkMemory(m, maxMapMemory); // only a map that is created costs: a reused one exists already
                try {
                    created = tx.opened(create(m, btf, events));
                } catch (BpfException e) {
                    // E2BIG says only "too big": the sizes it is about are the definition's
                    String sizes = !e.is(Errno.E2BIG) ? "" : "the kernel refuses its size (max_entries "
                            + Integer.toUnsignedString(m.maxEntries()) + ", key_size " + Integer.toUnsignedString(m.keySize())
                            + ", value_size " + Integer.toUnsignedString(m.valueSize()) + "): ";
                    throw new EngineException(file + ": map " + m.name() + ": " + sizes + e.getMessage(), e);
                }
                initialise(m, created);
            }
            String createdEvent = created.info().typeName() + ", id " + created.id();
            if (pin == null) {
                events.add(new LoadEvent(LoadEvent.Kind.CREATED, "map " + m.name(), null, createdEvent));
                return new LoadedMap(m, created, null, false);
            }
            try {
                tx.directoriesCreated(bpffs.createParents(pin));
                bpffs.pin(created, pin);
            } catch (BpfException e) {
                // EEXIST: another loader pinned first; ENOENT: our directory was removed meanwhile
                if ((e.is(Errno.EEXIST) || e.is(Errno.ENOENT)) && !lastAttempt) {
                    continue;
                }
                throw new EngineException(file + ": map " + m.name() + ": " + e.getMessage(), e);
            } catch (io.bpfsh.engine.fs.BpffsException e) {
                // a directory another loader's close removed between our mkdir and the pin (a permanent
                // cause fails the same way on the last attempt, with its own message)
                if (!lastAttempt) {
                    continue;
                }
                throw new EngineException(file + ": map " + m.name() + ": " + e.getMessage(), e);
            }
            tx.pinCreated(pin);
            events.add(new LoadEvent(LoadEvent.Kind.CREATED, "map " + m.name(), null, createdEvent));
            events.add(new LoadEvent(LoadEvent.Kind.PINNED, "map " + m.name(), pin.toString(), m.pinning().displayName()));
            return new LoadedMap(m, created, pin, false);
        }
    }

    private void checkMemory(MapSpec m, long limit) throws EngineException {
        MapMemory cost = MapMemory.of(m, PossibleCpus.count());
        if (cost.bytes() > limit) {
            throw new EngineException(file + ": map " + m.name() + ": would take about " + MapMemory.human(cost.bytes())
                    + " of kernel memory up front (" + cost.formula() + "), over the limit of " + MapMemory.human(limit)
                    + " per map (raise it with load --max-map-memory SIZE)");
        }
    }

    private EngineException raced(MapSpec m, PinPath pin) {
        return new EngineException(file + ": map " + m.name() + ": the pin at " + pin + " kept appearing and vanishing ("
                + PIN_RACE_ATTEMPTS + " attempts); other loaders are pinning and unpinning it");
    }

    /** The map pinned at the path, checked for compatibility; null when the pin vanished before the open. */
    private BpfMap reuse(MapSpec m, PinPath pin) throws EngineException {
        if (bpffs.isDirectory(pin)) {
            throw new EngineException(file + ": map " + m.name() + ": pin path " + pin + " is a directory");
        }
        BpfMap existing;
        try {
            // a symlink or a mount there is refused (never followed)
            existing = bpffs.openMap(pin, PinAccess.READ_WRITE);
        } catch (BpfException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw new EngineException(file + ": map " + m.name() + ": " + e.getMessage(), e);
        } catch (EngineException e) {
            throw new EngineException(file + ": map " + m.name() + ": " + e.getMessage(), e);
        }
        var differences = MapCompatibility.differences(m, existing.info());
        if (!differences.isEmpty()) {
            existing.close();
            throw new MapIncompatibleException(file.toString(), m.name(), pin.toString(), differences);
        }
        return existing;
    }

    private MapAttributes attributes(MapSpec m) {
        String name = m.layout() == MapLayout.GLOBAL_DATA ? globalDataName(m.name()) : m.name();
        return MapAttributes.of(m.type(), m.keySize(), m.valueSize(), m.maxEntries())
                .withFlags(m.flags())
                .withName(name)
                .withNumaNode(m.numaNode())
                .withMapExtra(m.mapExtra());
    }

    /** libbpf names global-data maps by the object's first 8 characters and the section: "modern_c.rodata". */
    private String globalDataName(String section) {
        String base = file.getFileName().toString();
        int dot = base.indexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        return base.substring(0, Math.min(8, base.length())) + section;
    }

    /** Global data starts with the section's bytes; .rodata is frozen so user space cannot change it. */
    private void initialise(MapSpec m, BpfMap map) throws EngineException {
        if (m.initialData() == null) {
            return;
        }
        try {
            map.update(new byte[4], m.initialData(), UpdateMode.ANY);
            if (m.frozen()) {
                map.freeze();
            }
        } catch (EngineException e) {
            throw new EngineException(file + ": map " + m.name() + ": " + e.getMessage(), e);
        }
    }

    private BpfProgram loadProgram(ProgramSpec ps, List<LoadedMap> loadedMaps) throws EngineException {
        ByteBuffer insns = ByteBuffer.wrap(ps.instructions().clone()).order(ByteOrder.LITTLE_ENDIAN);
        for (Relocation r : ps.relocations()) {
            LoadedMap lm = loadedMaps.stream().filter(x -> x.name().equals(r.mapName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("relocation to unknown map " + r.mapName()));
            int at = r.instruction() * 8;
            int dst = insns.get(at + 1) & 0x0f;
            int pseudo = r.kind() == Relocation.Kind.MAP_FD ? 1 : 2; // BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE
            insns.put(at + 1, (byte) ((pseudo << 4) | dst));
            insns.putInt(at + 4, lm.map().fd().get());
            if (r.kind() == Relocation.Kind.MAP_VALUE) {
                insns.putInt(at + 12, (int) r.offset()); // the second half of the ld_imm64
            }
        }
        int version = spec.kernelVersion() == ObjectSpec.CURRENT_KERNEL_VERSION ? KernelVersion.current()
                : spec.kernelVersion();
        ProgramLoadAttributes attrs = ProgramLoadAttributes.of(ps.type(), insns.array(), spec.license())
                .withName(ps.name())
                .withKernelVersion(version)
                .withExpectedAttachType(ps.expectedAttachType());
        return BpfProgram.load(attrs, file + ": " + ps.section());
    }

    /**
     * gobpf's CloseExt: unpins the maps whose options ask for it, then closes every FD. Options are
     * checked first (unknown map, PIN_NONE map, missing or wrong PIN_CUSTOM_NS path): a bad option
     * changes nothing and leaves the module open.
     */
    public CloseReport close(Map<String, CloseOptions> options) throws EngineException {
        if (closed) {
            return new CloseReport(List.of(), List.of());
        }
        Map<String, CloseOptions> o = options == null ? Map.of() : options;
        checkKeys(o.keySet(), "CloseOptions");
        Map<LoadedMap, PinPath> toUnpin = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (LoadedMap m : maps) {
            CloseOptions co = o.get(m.key());
            if (co != null && co.unpin()) {
                toUnpin.put(m, unpinPath(m, co));
            }
        }
        List<String> unpinned = new ArrayList<>();
        String failure = null;
        for (Map.Entry<LoadedMap, PinPath> e : toUnpin.entrySet()) {
            LoadedMap m = e.getKey();
            PinPath path = e.getValue();
            // checked right before the unlink: other loaders may have unpinned it, or pinned their own map
            // there, since the load; no syscall unlinks only a given map, so this narrows the window
            int held = idPinnedAt(path);
            if (held != m.map().id()) {
                notes.add("map " + m.name() + " was no longer pinned at " + path
                        + (held > 0 ? ", which now holds map id " + held + " (left alone)" : ""));
                continue;
            }
            try {
                if (bpffs.removePin(path)) {
                    unpinned.add(path.toString());
                    if (m.reused()) {
                        notes.add("unpinned map " + m.name() + " at " + path + ", which this module reused rather than created");
                    }
                } else {
                    // the goal of an unpin is that the pin is gone: someone was first, which is worth saying
                    notes.add("map " + m.name() + " was no longer pinned at " + path);
                }
            } catch (io.bpfsh.engine.fs.BpffsException ex) {
                if (failure == null) {
                    failure = "unpin map " + m.name() + " at " + path + ": " + ex.getMessage();
                }
            }
        }
        if (!unpinned.isEmpty()) {
            bpffs.removeEmptyDirectories(createdDirectories);
        }
        close();
        if (failure != null) {
            // some pins may be gone already: say all that happened, in one line
            throw new EngineException(file + ": " + failure + "; the module is closed"
                    + (unpinned.isEmpty() ? "" : "; unpinned: " + String.join(", ", unpinned)));
        }
        return new CloseReport(unpinned, notes);
    }

    /**
     * Where to unpin a map: the path it was pinned at, or for PIN_CUSTOM_NS the path given again (as
     * gobpf asks). Catches the caller's mistakes before anything is unpinned.
     */
    private PinPath unpinPath(LoadedMap m, CloseOptions co) throws EngineException {
        if (m.pinning() == Pinning.NONE) {
            throw new EngineException(file + ": close: map " + m.name() + " is not pinned (PIN_NONE)");
        }
        boolean given = co.pinPath() != null && !co.pinPath().isBlank();
        if (m.pinning() == Pinning.CUSTOM_NS && !given) {
            throw new EngineException(file + ": close: map " + m.name()
                    + " has PIN_CUSTOM_NS; give the pin path it was loaded with");
        }
        if (given && (m.pinning() == Pinning.GLOBAL_NS || m.pinning() == Pinning.OBJECT_NS)) {
            throw new EngineException(file + ": close: map " + m.name() + ": a pin path was given, but "
                    + m.pinning().displayName() + " fixes the path by namespace (" + m.pinPath().orElseThrow() + ")");
        }
        if (m.pinning() != Pinning.CUSTOM_NS && !given) {
            return m.pinPath().orElseThrow();
        }
        PinPath path = locations.resolve(m.spec(), co.pinPath());
        int held = idPinnedAt(path);
        if (held > 0 && held != m.map().id()) {
            // a path the caller gave that holds another map is most likely the wrong path
            throw new EngineException(file + ": close: " + path + " holds map id " + held + ", not map "
                    + m.name() + " (id " + m.map().id() + ")");
        }
        return path;
    }

    /** The id of the map pinned at a path; 0 when nothing (or something that is not a map) is pinned there. */
    private int idPinnedAt(PinPath path) {
        try (BpfMap there = bpffs.openMap(path, PinAccess.READ_ONLY)) {
            return there.id();
        } catch (EngineException e) {
            return 0;
        }
    }

    private void checkKeys(Iterable<String> keys, String what) throws EngineException {
        for (String k : keys) {
            if (spec.mapByKey(k).isEmpty()) {
                throw new EngineException(file + ": " + what + " for '" + k + "': the object has no such map (its maps: "
                        + String.join(", ", spec.maps().stream().map(MapSpec::key).toList()) + ")");
            }
        }
    }

    /** Closes every FD of the module; never unpins. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LoadedProgram p : programs) {
            p.program().close();
        }
        for (LoadedMap m : maps) {
            m.map().close();
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
