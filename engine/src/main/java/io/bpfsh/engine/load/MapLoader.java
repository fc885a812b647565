package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
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
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MissingPrivilegeException;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.UpdateMode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates or reuses the maps of one load and pins them, recording all it opens and creates in the
 * load's {@link LoadTransaction}. Other loaders may pin, unpin and remove directories at the same
 * time; each such race (the pin appears first, vanishes between the check and BPF_OBJ_GET, or its
 * directory is removed before the pin) is retried a bounded number of times.
 */
final class MapLoader {
    /** How often a load retries a pin that other loaders race it for (libbpf tries twice). */
    static final int PIN_RACE_ATTEMPTS = 8;

    private final String file;
    private final Bpffs bpffs;
    private final BpfBtf btf;
    private final LoadTransaction tx;
    private final List<LoadEvent> events;

    /** Inner map templates of the object's maps of maps, by outer map name. */
    private final Map<String, MapSpec> inners = new HashMap<>();

    /** @param btf the object's BTF in the kernel, or null */
    MapLoader(String file, Bpffs bpffs, BpfBtf btf, LoadTransaction tx, List<LoadEvent> events,
            Map<String, MapInit> init) {
        init.forEach((name, i) -> {
            if (i.inner() != null) inners.put(name, i.inner());
        });
        this.file = file;
        this.bpffs = bpffs;
        this.btf = btf;
        this.tx = tx;
        this.events = events;
    }

    /** Reuses the map pinned at {@code pin}, or creates one and pins it there; {@code pin} null: not pinned. */
    LoadedMap load(MapSpec m, PinPath pin) throws EngineException {
        try {
            return createOrReuse(m, pin);
        } catch (EngineException e) {
            throw e instanceof MapIncompatibleException ? e : e.withContext(file + ": map " + m.name());
        }
    }

    private LoadedMap createOrReuse(MapSpec m, PinPath pin) throws EngineException {
        BpfMap created = null;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt == PIN_RACE_ATTEMPTS;
            if (pin != null && Files.exists(pin.path(), LinkOption.NOFOLLOW_LINKS)) {
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
                    throw new EngineException("the pin at " + pin + " kept appearing and vanishing ("
                            + PIN_RACE_ATTEMPTS + " attempts); other loaders are pinning and unpinning it");
                }
                continue; // unpinned between the check and the open
            }
            if (created == null) {
                created = tx.opened(create(m));
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
                throw e;
            } catch (BpffsException e) {
                // a directory another loader's close removed between our mkdir and the pin (a permanent
                // cause fails the same way on the last attempt, with its own message)
                if (!lastAttempt) {
                    continue;
                }
                throw e;
            }
            tx.pinCreated(pin.path());
            events.add(new LoadEvent(LoadEvent.Kind.CREATED, "map " + m.name(), null, createdEvent));
            events.add(new LoadEvent(LoadEvent.Kind.PINNED, "map " + m.name(), pin.toString(), m.pinning().displayName()));
            return new LoadedMap(m, created, pin, false);
        }
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

    /** The map pinned at the path, checked for compatibility; null when the pin vanished before the open. */
    private BpfMap reuse(MapSpec m, PinPath pin) throws EngineException {
        if (Files.isDirectory(pin.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new EngineException("pin path " + pin + " is a directory");
        }
        BpfMap existing;
        try {
            existing = KernelObjects.openPinnedMap(pin.toString(), PinAccess.READ_WRITE);
        } catch (BpfException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
        var differences = MapCompatibility.differences(m, existing.info());
        if (!differences.isEmpty()) {
            existing.close();
            throw new MapIncompatibleException(file, m.name(), pin.toString(), differences);
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
