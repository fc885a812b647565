package io.bpfsh.engine.externs;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.btf.BtfVarSecinfo;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSymbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The externs of an object, as libbpf collects them: every undefined GLOBAL or WEAK NOTYPE symbol, matched to its BTF
 * VAR or FUNC and to the DATASEC that says where its value comes from. {@code .kconfig} externs are laid out in one
 * read-only map value in libbpf's order (largest alignment first, then smaller size, then name), so that their
 * offsets, and the instructions that use them, are libbpf's too. Pure.
 */
public final class ObjectExterns {
    public static final String KCONFIG = ".kconfig";
    public static final String KSYMS = ".ksyms";

    private final List<ExternSpec> externs;
    private final int kconfigSize;

    private ObjectExterns(List<ExternSpec> externs, int kconfigSize) {
        this.externs = externs;
        this.kconfigSize = kconfigSize;
    }

    public static ObjectExterns none() {
        return new ObjectExterns(List.of(), 0);
    }

    /** @param btf the object's BTF, or null when it has none */
    public static ObjectExterns read(ElfFile elf, Btf btf, String file) throws ExternException {
        List<ElfSymbol> symbols = new ArrayList<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.sectionIndex() == ElfSymbol.SHN_UNDEF && s.type() == ElfSymbol.STT_NOTYPE && !s.name().isEmpty()
                    && (s.bind() == ElfSymbol.STB_GLOBAL || s.bind() == ElfSymbol.STB_WEAK)) {
                symbols.add(s);
            }
        }
        // without BTF nothing says what an undefined symbol is: a use of one is refused where it is linked
        if (symbols.isEmpty() || btf == null) return none();
        List<ExternSpec> kconfig = new ArrayList<>();
        List<ExternSpec> ksyms = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            String what = file + ": extern '" + s.name() + "'";
            BtfType t = externType(btf, s.name());
            if (t == null) throw new ExternException(what + " has no extern VAR or FUNC in the object's BTF");
            String section = sectionOf(btf, t.id());
            boolean weak = s.bind() == ElfSymbol.STB_WEAK;
            if (KCONFIG.equals(section)) {
                if (!(t instanceof BtfType.Var v)) throw new ExternException(what + ": a function cannot be in " + KCONFIG);
                KconfigValue value = KconfigValue.of(btf, s.name(), v.type());
                kconfig.add(new ExternSpec(s.name(), ExternSpec.Kind.KCONFIG, weak, t.id(), btf.resolve(v.type()), -1,
                        value));
            } else if (KSYMS.equals(section)) {
                if (t instanceof BtfType.Func f) {
                    ksyms.add(new ExternSpec(s.name(), ExternSpec.Kind.KFUNC, weak, t.id(), f.protoType(), -1, null));
                } else {
                    int type = btf.resolve(((BtfType.Var) t).type());
                    ksyms.add(new ExternSpec(s.name(), type == 0 ? ExternSpec.Kind.KSYM_ADDRESS
                            : ExternSpec.Kind.KSYM_TYPED, weak, t.id(), type, -1, null));
                }
            } else {
                throw new ExternException(what + " is in section " + (section == null ? "(none)" : section)
                        + "; externs can only be " + KCONFIG + " or " + KSYMS);
            }
        }
        kconfig.sort(Comparator.comparingInt((ExternSpec e) -> -e.kconfig().alignment())
                .thenComparingInt(e -> e.kconfig().size()).thenComparing(ExternSpec::name));
        ksyms.sort(Comparator.comparing(ExternSpec::name));
        List<ExternSpec> out = new ArrayList<>();
        int offset = 0;
        for (ExternSpec e : kconfig) {
            int align = e.kconfig().alignment();
            offset = (offset + align - 1) / align * align;
            out.add(new ExternSpec(e.name(), e.kind(), e.weak(), e.btfId(), e.typeId(), offset, e.kconfig()));
            offset += e.kconfig().size();
        }
        out.addAll(ksyms);
        return new ObjectExterns(List.copyOf(out), offset);
    }

    /** The VAR or FUNC with extern linkage (2) named {@code name}. */
    private static BtfType externType(Btf btf, String name) {
        for (BtfType t : btf.types()) {
            if (!t.name().equals(name)) continue;
            if (t instanceof BtfType.Var v && v.linkage() == 2) return t;
            if (t instanceof BtfType.Func f && f.linkage() == 2) return t;
        }
        return null;
    }

    private static String sectionOf(Btf btf, int id) {
        for (BtfType t : btf.types()) {
            if (t.kind() != BtfKind.DATASEC) continue;
            for (BtfVarSecinfo v : ((BtfType.Datasec) t).vars()) {
                if (v.type() == id) return t.name();
            }
        }
        return null;
    }

    public List<ExternSpec> all() {
        return externs;
    }

    public boolean isEmpty() {
        return externs.isEmpty();
    }

    /** The extern named {@code name}, if the object declares it. */
    public java.util.Optional<ExternSpec> byName(String name) {
        return externs.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Bytes of the .kconfig map's value; 0 when the object has no .kconfig externs. */
    public int kconfigSize() {
        return kconfigSize;
    }
}
