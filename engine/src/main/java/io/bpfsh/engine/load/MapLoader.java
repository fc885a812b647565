package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.BpffsException;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.spec.MapInit;
import io.bpfsh.engine.spec.MapLayout;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.sys.BpfBtf;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.PossibleCpus;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MissingPrivilegeException;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.UpdateMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the {@link LoadPlan} of one load, map by map: creates, reuses, or replaces (and migrates) the
 * map, recording all it opens and creates in the load's {@link LoadTransaction}. Other loaders may pin,
 * unpin and remove directories at the same time; each such race (the pin appears first, vanishes
 * between the plan and BPF_OBJ_GET, its directory is removed before the pin, or another map is pinned
 * there) plans the map again with {@link LoadPlan#decide}, a bounded number of times.
 */
final class MapLoader {
    /** How often a load retries a pin that other loaders race it for (libbpf tries twice). */
    static final int PIN_RACE_ATTEMPTS = 8;

    private final String file;
    private final Bpffs bpffs;
    private final Btf objectBtf;
    private final BpfBtf btf;
    private final IncompatiblePolicy policy;
    private final LoadTransaction tx;
    private final List<LoadEvent> events;
    private final long maxMapMemory;

    /** Inner map templates of the object's maps of maps, by outer map name. */
    private final Map<String, MapSpec> inners = new HashMap<>();

    /**
     * @param objectBtf    the object's BTF as parsed, or null
     * @param btf          the object's BTF in the kernel, or null
     * @param maxMapMemory the most kernel memory a map this load creates may take up front ({@link MapMemory})
     */
    MapLoader(String file, Bpffs bpffs, Btf objectBtf, BpfBtf btf, IncompatiblePolicy policy, LoadTransaction tx,
            List<LoadEvent> events, Map<String, MapInit> init, long maxMapMemory) {
        init.forEach((name, i) -> {
            if (i.inner() != null) inners.put(name, i.inner());
        });
        this.file = file;
        this.maxMapMemory = maxMapMemory;
        this.bpffs = bpffs;
        this.objectBtf = objectBtf;
        this.btf = btf;
        this.policy = policy;
        this.tx = tx;
        this.events = events;
    }

    /** Does what the plan says for the map, planning it again when another loader changed its pin. */
    LoadedMap load(PlannedMap planned) throws EngineException {
        try {
            return execute(planned);
        } catch (EngineException e) {
            throw e instanceof MapIncompatibleException ? e : e.withContext(file + ": map " + planned.name());
        }
    }

    private LoadedMap execute(PlannedMap planned) throws EngineException {
        MapSpec m = planned.spec();
        PinPath pin = planned.pin();
        BpfMap created = null;
        PlannedMap step = planned;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt == PIN_RACE_ATTEMPTS;
            switch (step.action()) {
                case FAIL -> {
                    if (created != null) {
                        tx.discard(created);
                    }
                    throw step.refusal(file);
                }
                case REUSE -> {
                    BpfMap reused = openPlanned(step, PinAccess.READ_WRITE);
                    if (reused != null) {
                        tx.opened(reused);
                        if (created != null) {
                            tx.discard(created); // another loader pinned first: use its map
                        }
                        events.add(new LoadEvent(LoadEvent.Kind.REUSED, "map " + m.name(), pin.toString(),
                                "id " + reused.id()));
                        return new LoadedMap(m, reused, pin, true);
                    }
                }
                case CREATE -> {
                    if (created == null) {
                        created = createChecked(m);
                    }
                    LoadedMap done = pinCreated(m, created, pin, lastAttempt);
                    if (done != null) {
                        return done;
                    }
                }
                case REPLACE, MIGRATE -> {
                    BpfMap old = openPlanned(step, PinAccess.READ_ONLY);
                    if (old != null) {
                        if (created == null) {
                            try {
                                created = createChecked(m);
                            } catch (EngineException | RuntimeException e) {
                                old.close();
                                throw e;
                            }
                        }
                        return replace(step, old, created);
                    }
                }
            }
            if (lastAttempt) {
                throw new EngineException("the pin at " + pin + " kept changing (" + PIN_RACE_ATTEMPTS
                        + " attempts); other loaders are pinning and unpinning it");
            }
            step = LoadPlan.decide(m, pin, objectBtf, bpffs, policy);
        }
    }

    /**
     * Creates and fills a new map, after checking what it would cost: only a map that is created costs (a
     * reused one exists already), and the check comes before the kernel charges anything.
     */
    private BpfMap createChecked(MapSpec m) throws EngineException {
        checkMemory(m);
        BpfMap created;
        try {
            created = tx.opened(create(m));
        } catch (BpfException e) {
            // E2BIG says only "too big": the sizes it is about are the definition's
            throw !e.is(Errno.E2BIG) ? e : e.withContext("the kernel refuses its size (max_entries "
                    + Integer.toUnsignedString(m.maxEntries()) + ", key_size " + Integer.toUnsignedString(m.keySize())
                    + ", value_size " + Integer.toUnsignedString(m.valueSize()) + ")");
        }
        initialise(m, created);
        return created;
    }

    private void checkMemory(MapSpec m) throws EngineException {
        MapMemory cost = MapMemory.of(m, PossibleCpus.count());
        if (cost.bytes() > maxMapMemory) {
            throw new EngineException("would take about " + MapMemory.human(cost.bytes()) + " of kernel memory up front ("
                    + cost.formula() + "), over the limit of " + MapMemory.human(maxMapMemory)
                    + " per map (raise it with load --max-map-memory SIZE)");
        }
    }

    /** Pins a new map; null when another loader won the pin (or removed its directory) and the map needs a new plan. */
    private LoadedMap pinCreated(MapSpec m, BpfMap created, PinPath pin, boolean lastAttempt) throws EngineException {
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
                return null;
            }
            throw e;
        } catch (BpffsException e) {
            // a directory another loader's close removed between our mkdir and the pin (a permanent
            // cause fails the same way on the last attempt, with its own message)
            if (!lastAttempt) {
                return null;
            }
            throw e;
        }
        tx.pinCreated(pin);
        events.add(new LoadEvent(LoadEvent.Kind.CREATED, "map " + m.name(), null, createdEvent));
        events.add(new LoadEvent(LoadEvent.Kind.PINNED, "map " + m.name(), pin.toString(), m.pinning().displayName()));
        return new LoadedMap(m, created, pin, false);
    }

    /**
     * The map the plan saw at its pin; null when the pin vanished or now holds another map (the plan is
     * made again). A reused map is checked again, as another loader may have replaced it meanwhile.
     */
    private BpfMap openPlanned(PlannedMap step, PinAccess access) throws EngineException {
        BpfMap existing;
        try {
            existing = bpffs.openMap(step.pin(), access);
        } catch (BpfException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
        if (existing.id() != step.pinnedId()) {
            existing.close();
            return null;
        }
        return existing;
    }

    /**
     * Pins the new map beside the incompatible one (after copying its entries, for MIGRATE); the
     * transaction renames it over the old pin once the whole load has succeeded.
     */
    private LoadedMap replace(PlannedMap step, BpfMap old, BpfMap created) throws EngineException {
        MapSpec m = step.spec();
        events.add(new LoadEvent(LoadEvent.Kind.CREATED, "map " + m.name(), null,
                created.info().typeName() + ", id " + created.id()));
        try {
            if (step.action() == PlannedMap.Action.MIGRATE) {
                MapMigration.Report report = MapMigration.between(old, MapBtf.fromKernel(old), created,
                        MapBtf.of(objectBtf, m), Map.of()).copy();
                events.add(new LoadEvent(LoadEvent.Kind.MIGRATED, "map " + m.name(), step.pin().toString(),
                        "from id " + old.id() + ": " + report));
            }
            tx.replacementPinned(bpffs.pinBeside(created, step.pin()), step.pin(), old);
        } catch (EngineException | RuntimeException e) {
            old.close();
            throw e;
        }
        events.add(new LoadEvent(LoadEvent.Kind.REPLACED, "map " + m.name(), step.pin().toString(),
                "the incompatible id " + old.id() + " lives on for whoever holds it"));
        return new LoadedMap(m, created, step.pin(), false);
    }

    /** Creates a map, with its BTF types when there are any; a kernel that refuses them gets the map without. */
    private BpfMap create(MapSpec m) throws BpfException {
        MapSpec inner = inners.get(m.name());
        if (inner != null) { // the kernel copies the template's shape; the template itself is not kept
            try (BpfMap template = BpfMap.create(attributes(inner))) {
                return BpfMap.create(attributes(m).withInnerMapFd(template.fd().get()));
            }
        }
        MapAttributes plain = attributes(m);
        if (btf != null && m.btfValueTypeId() != 0) {
            try {
                return BpfMap.create(plain.withBtf(btf.fd().get(), m.btfKeyTypeId(), m.btfValueTypeId()));
            } catch (MissingPrivilegeException e) {
                throw e;
            } catch (BpfException e) {
                events.add(new LoadEvent(LoadEvent.Kind.NOTE, "map " + m.name() + " created without BTF types ("
                        + e.getMessage() + ")", null, null));
            }
        }
        return BpfMap.create(plain);
    }

    private MapAttributes attributes(MapSpec m) {
        String name = m.layout() == MapLayout.GLOBAL_DATA ? globalDataName(m.name()) : m.name();
        return MapAttributes.of(m.type(), m.keySize(), m.valueSize(), m.maxEntries())
                .withFlags(m.flags())
                .withName(name)
                .withNumaNode(m.numaNode())
                .withMapExtra(m.mapExtra());
    }

    /**
     * libbpf names global-data maps by the object's name cut to fit before the section in 15 characters (8 for
     * sections up to 7 long): "modern_c.rodata", "modern_.kconfig".
     */
    private String globalDataName(String section) {
        String base = java.nio.file.Path.of(file).getFileName().toString();
        int dot = base.indexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        int prefix = Math.max(0, Math.min(15 - Math.max(7, section.length()), base.length()));
        return base.substring(0, prefix) + section;
    }

    /** Global data starts with the section's bytes; .rodata is frozen so user space cannot change it. */
    private static void initialise(MapSpec m, BpfMap map) throws EngineException {
        if (m.initialData() == null) {
            return;
        }
        map.update(new byte[4], m.initialData(), UpdateMode.ANY);
        if (m.frozen()) {
            map.freeze();
        }
    }
}
