package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.fs.PinPath;
import io.bpfsh.engine.spec.MapSpec;

/**
 * Where each pinning option puts a map, under a bpffs root:
 * <ul>
 * <li>PIN_NONE: nowhere;</li>
 * <li>PIN_OBJECT_NS: {@code <root>/<namespace>/<object id>/<map>}, the object id being the hex SHA-1 of
 * the ELF file (iproute2's convention), so loads of the same object share the map and a rebuilt object
 * gets its own;</li>
 * <li>PIN_GLOBAL_NS: {@code <root>/<namespace>/globals/<map>};</li>
 * <li>PIN_CUSTOM_NS: {@code <root>/<pinPath>}, pinPath from SectionParams (absolute paths must lie inside
 * the root);</li>
 * <li>LIBBPF_PIN_BY_NAME: {@code <pin root>/<map>}, or the SectionParams pinPath when one is given.</li>
 * </ul>
 * Used at load and again at close, so both compute the same path.
 */
final class PinLocations {
    static final String GLOBALS = "globals";

    private final Bpffs bpffs;
    private final String file;
    private final String objectId;
    private final String pinRoot;

    /** @param pinRoot libbpf's pin_root_path for BY_NAME maps, relative to the bpffs root ("" = the root) */
    PinLocations(Bpffs bpffs, String file, String objectId, String pinRoot) {
        this.bpffs = bpffs;
        this.file = file;
        this.objectId = objectId;
        this.pinRoot = pinRoot == null ? "" : pinRoot;
    }

    /** The map's pin path, or null for PIN_NONE. Validates everything before any syscall. */
    PinPath resolve(MapSpec m, String pinPath) throws EngineException {
        boolean given = pinPath != null && !pinPath.isBlank();
        switch (m.pinning()) {
            case NONE:
                if (given) {
                    throw error(m, "a pin path was given, but the map's pinning is PIN_NONE");
                }
                return null;
            case GLOBAL_NS:
                refuseGiven(m, given);
                return at(m, namespace(m) + "/" + GLOBALS + "/" + m.name());
            case OBJECT_NS:
                refuseGiven(m, given);
                return at(m, namespace(m) + "/" + objectId + "/" + m.name());
            case CUSTOM_NS:
                if (!given) {
                    throw error(m, "PIN_CUSTOM_NS needs a pin path, and none was given for " + m.key());
                }
                return at(m, pinPath);
            case BY_NAME:
                if (given) {
                    return at(m, pinPath);
                }
                return at(m, pinRoot.isEmpty() ? m.name() : pinRoot + "/" + m.name());
            default:
                throw new IllegalStateException(m.pinning().toString());
        }
    }

    private void refuseGiven(MapSpec m, boolean given) throws EngineException {
        if (given) {
            throw error(m, "a pin path was given, but " + m.pinning().displayName()
                    + " fixes the path by namespace; pin paths apply to PIN_CUSTOM_NS and LIBBPF_PIN_BY_NAME maps");
        }
    }

    private String namespace(MapSpec m) throws EngineException {
        String ns = m.namespace();
        if (ns == null || ns.isEmpty()) {
            throw error(m, m.pinning().displayName() + " needs a namespace, and the map's namespace is empty");
        }
        if (ns.contains("/")) {
            throw error(m, "namespace '" + ns + "' contains a '/'");
        }
        if (ns.equals(".") || ns.equals("..")) {
            throw error(m, "namespace '" + ns + "' is not a directory name");
        }
        return ns;
    }

    private PinPath at(MapSpec m, String path) throws EngineException {
        try {
            return bpffs.resolve(path);
        } catch (EngineException e) {
            throw e.withContext(file + ": map " + m.name());
        }
    }

    private EngineException error(MapSpec m, String problem) {
        return new EngineException(file + ": map " + m.name() + ": " + problem);
    }
}
