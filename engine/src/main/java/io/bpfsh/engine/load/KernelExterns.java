package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.core.CoreTargets;
import io.bpfsh.engine.core.TypeCompatibility;
import io.bpfsh.engine.externs.ExternException;
import io.bpfsh.engine.externs.ExternSpec;
import io.bpfsh.engine.externs.KconfigData;
import io.bpfsh.engine.externs.KernelConfig;
import io.bpfsh.engine.externs.KernelSymbols;
import io.bpfsh.engine.externs.ObjectExterns;
import io.bpfsh.engine.spec.ObjectSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running kernel's answers to an object's externs, found before anything is created: the .kconfig map's
 * contents (version and configuration) and the addresses of typeless ksyms (/proc/kallsyms). A strong extern the
 * kernel cannot answer fails the load; a weak one is 0, as in libbpf.
 *
 * @param spec      the object with its .kconfig map's initial value filled in
 * @param addresses kernel symbol address by ksym extern name
 * @param kfuncs    vmlinux BTF id of each kfunc the object calls, by name
 */
record KernelExterns(ObjectSpec spec, Map<String, Long> addresses, Map<String, Integer> kfuncs) {

    static KernelExterns resolve(ObjectSpec spec) throws EngineException {
        ObjectExterns externs = spec.externs();
        String file = spec.file().toString();
        ObjectSpec filled = spec;
        if (externs.kconfigSize() > 0) {
            byte[] data = KconfigData.build(file, externs, KernelVersion.current(), () -> {
                try {
                    return KernelConfig.running(KernelVersion.release());
                } catch (IOException e) {
                    throw new ExternException("cannot read the kernel release: " + e.getMessage());
                }
            });
            filled = spec.withMap(spec.map(ObjectExterns.KCONFIG).orElseThrow().withInitialData(data));
        }
        Set<String> names = externs.all().stream().filter(e -> e.kind() == ExternSpec.Kind.KSYM_ADDRESS)
                .map(ExternSpec::name).collect(Collectors.toSet());
        Map<String, Long> addresses = new HashMap<>();
        if (!names.isEmpty()) {
            Map<String, Long> found = KernelSymbols.running(names);
            for (String n : names) {
                ExternSpec e = externs.byName(n).orElseThrow();
                Long a = found.get(n);
                if (a == null && !e.weak()) {
                    throw new ExternException(file + ": extern (ksym) '" + n + "' is not in /proc/kallsyms "
                            + "(declare it __weak to default it to 0)");
                }
                addresses.put(n, a == null ? 0L : a);
            }
        }
        return new KernelExterns(filled, Map.copyOf(addresses), kfuncs(spec));
    }

    /**
     * Each kfunc's FUNC in vmlinux BTF, by its name without flavor, whose prototype must be compatible with the
     * object's declaration (libbpf's checks). An unresolved weak kfunc would need libbpf's poisoned call: refused.
     */
    private static Map<String, Integer> kfuncs(ObjectSpec spec) throws EngineException {
        Map<String, Integer> out = new HashMap<>();
        for (ExternSpec e : spec.externs().all()) {
            if (e.kind() != ExternSpec.Kind.KFUNC) continue;
            Btf vmlinux = CoreTargets.kernel().vmlinux();
            String name = e.name().contains("___") ? e.name().substring(0, e.name().lastIndexOf("___")) : e.name();
            String what = spec.file() + ": extern (kfunc) '" + e.name() + "'";
            BtfType.Func f = (BtfType.Func) vmlinux.findByName(name, BtfKind.FUNC).orElseThrow(() ->
                    new ExternException(what + " is not a function in the kernel's BTF (modules are not searched)"));
            if (!TypeCompatibility.compatible(spec.btf(), e.typeId(), vmlinux, f.protoType())) {
                throw new ExternException(what + ": its prototype " + spec.btf().typeName(e.typeId())
                        + " does not match the kernel's " + vmlinux.typeName(f.protoType()));
            }
            out.put(e.name(), f.id());
        }
        return Map.copyOf(out);
    }
}
