package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import java.util.Optional;

/**
 * The BTF types one map is shown and parsed with, and where they came from. For a map a module loaded,
 * the object's types (the ones it asked for, even when the kernel refused its BTF); otherwise, or when
 * the object names no types, or its types cannot show the map (the object's DATASECs of global data have
 * size 0 until the loader fixes them up for the kernel), the kernel's BTF for the map (its btf_id). A
 * map with neither is raw; when types exist but cannot be used, {@link #rawReason()} says why.
 */
public final class MapTypeView {
    /** Where the types came from. */
    public enum Source {
        OBJECT, KERNEL, NONE
    }

    private final MapBtf btf;
    private final Source source;
    private final String sourceText;
    private final String rawReason;

    private MapTypeView(MapBtf btf, Source source, String sourceText, String rawReason) {
        this.btf = btf;
        this.source = source;
        this.sourceText = sourceText;
        this.rawReason = rawReason;
    }

    /** The kernel's types for any map (pinned by another tool, opened by id). */
    public static MapTypeView of(BpfMap map) {
        return fromKernel(map, null);
    }

    /**
     * The types of a map a module loaded.
     *
     * @param objectLabel how messages name the object, e.g. "the object of module counter"
     */
    public static MapTypeView of(Module module, LoadedMap loaded, String objectLabel) {
        BpfMap map = loaded.map();
        Optional<MapBtf> fromObject = MapBtf.of(module, loaded);
        if (fromObject.isEmpty()) {
            return fromKernel(map, null);
        }
        String p = problemShowing(map, fromObject.get());
        if (p == null) {
            return new MapTypeView(fromObject.get(), Source.OBJECT, objectLabel, null);
        }
        // the kernel's copy of the same types may still do (it has the loader's fix-ups)
        return fromKernel(map, "its types from " + objectLabel + " cannot show it (" + p + ")");
    }

    private static MapTypeView fromKernel(BpfMap map, String earlier) {
        Optional<MapBtf> fromKernel;
        try {
            fromKernel = MapBtf.fromKernel(map);
        } catch (EngineException e) {
            return raw(earlier, "its BTF cannot be read (" + e.getMessage() + ")");
        }
        if (fromKernel.isEmpty()) {
            return raw(earlier, null);
        }
        String text = "the kernel's BTF (id " + map.info().btfId() + ")";
        String p = problemShowing(map, fromKernel.get());
        if (p != null) {
            return raw(earlier, "its types from " + text + " cannot show it (" + p + ")");
        }
        return new MapTypeView(fromKernel.get(), Source.KERNEL, text, null);
    }

    private static MapTypeView raw(String first, String second) {
        String why = first == null ? second : second == null ? first : first + "; " + second;
        return new MapTypeView(null, Source.NONE, null, why);
    }

    /**
     * Shows a zero key and value once, so that a type that cannot show the map (or does not match its
     * sizes) makes the map raw with a reason, rather than failing in the middle of a dump.
     *
     * @return null when the types show the map, else why not
     */
    private static String problemShowing(BpfMap map, MapBtf btf) {
        try {
            if (btf.hasKeyType()) {
                btf.formatKey(new byte[map.keySize()]);
            }
            btf.formatValue(new byte[map.valueSize()]);
            return null;
        } catch (EngineException e) {
            return e.getMessage();
        }
    }

    /** The types; empty when the map is shown raw. */
    public Optional<MapBtf> btf() {
        return Optional.ofNullable(btf);
    }

    public Source source() {
        return source;
    }

    /** Where the types come from: "the object of module counter", "the kernel's BTF (id 42)"; empty when raw. */
    public Optional<String> sourceText() {
        return Optional.ofNullable(sourceText);
    }

    /** Why a map that has (or may have) types is shown raw; empty when it is typed or simply has no types. */
    public Optional<String> rawReason() {
        return Optional.ofNullable(rawReason);
    }
}
