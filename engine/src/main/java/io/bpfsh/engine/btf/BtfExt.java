package io.bpfsh.engine.btf;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code .BTF.ext} section: per ELF section, the function starts (func_info), the source lines (line_info)
 * and the CO-RE relocations (core_relo) clang recorded for its instructions.
 *
 * <p>Instruction offsets stay as stored, in bytes from the start of their ELF section; whoever links a program moves
 * them to the program's own numbering. Immutable.
 */
public final class BtfExt {
    private final String origin;
    private final Map<String, List<BtfFuncInfo>> funcInfo;
    private final Map<String, List<BtfLineInfo>> lineInfo;
    private final Map<String, List<BtfCoreRelo>> coreRelos;

    BtfExt(String origin, Map<String, List<BtfFuncInfo>> funcInfo, Map<String, List<BtfLineInfo>> lineInfo,
            Map<String, List<BtfCoreRelo>> coreRelos) {
        this.origin = origin;
        this.funcInfo = Collections.unmodifiableMap(funcInfo);
        this.lineInfo = Collections.unmodifiableMap(lineInfo);
        this.coreRelos = Collections.unmodifiableMap(coreRelos);
    }

    /**
     * @param origin  names the bytes in messages, e.g. {@code "samples/x.o: .BTF.ext"}
     * @param section the section's contents
     * @param btf     the object's .BTF, whose strings and types the records refer to
     */
    public static BtfExt parse(String origin, byte[] section, Btf btf) throws BtfFormatException {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(btf, "btf");
        return new BtfExtReader(origin, section, btf).read();
    }

    public String origin() {
        return origin;
    }

    /** The function records of one ELF section, in stored order (empty if it has none). */
    public List<BtfFuncInfo> funcInfo(String section) {
        return funcInfo.getOrDefault(section, List.of());
    }

    public List<BtfLineInfo> lineInfo(String section) {
        return lineInfo.getOrDefault(section, List.of());
    }

    public List<BtfCoreRelo> coreRelos(String section) {
        return coreRelos.getOrDefault(section, List.of());
    }

    /** Every section's CO-RE relocations, sections in stored order (the order libbpf applies them in). */
    public Map<String, List<BtfCoreRelo>> coreRelos() {
        return coreRelos;
    }
}
