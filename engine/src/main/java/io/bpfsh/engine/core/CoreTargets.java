package io.bpfsh.engine.core;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfType;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The BTF that CO-RE relocations are resolved against: the kernel's (vmlinux), then its modules' (split BTF on top
 * of vmlinux), which libbpf searches only for a type vmlinux lacks. Candidates are found through an index by name
 * without flavor, built once per BTF.
 */
public final class CoreTargets {
    /** One BTF to search, named as listings show it ("vmlinux" or the module). */
    public record Target(String name, Btf btf) {
    }

    @FunctionalInterface
    public interface ModuleSource {
        List<Target> load(Btf vmlinux) throws EngineException;
    }

    private static final Path KERNEL_BTF = Path.of("/sys/kernel/btf");
    /** vmlinux BTF takes about half a second to parse: kept while memory allows, as it never changes while up. */
    private static SoftReference<Btf> cachedVmlinux = new SoftReference<>(null);

    private final Target vmlinux;
    private final ModuleSource moduleSource;
    private List<Target> modules;
    private final Map<Target, Map<String, List<Integer>>> index = new IdentityHashMap<>();

    private CoreTargets(Btf vmlinux, ModuleSource moduleSource) {
        this.vmlinux = new Target("vmlinux", vmlinux);
        this.moduleSource = moduleSource;
    }

    /** Targets given directly (tests, or another kernel's BTF); modules as split BTF on {@code vmlinux}. */
    public static CoreTargets of(Btf vmlinux, List<Target> modules) {
        Objects.requireNonNull(vmlinux, "vmlinux");
        List<Target> copy = List.copyOf(modules);
        return new CoreTargets(vmlinux, base -> copy);
    }

    /** The running kernel's BTF from {@code /sys/kernel/btf}; module BTF is read only if a search needs it. */
    public static CoreTargets kernel() throws EngineException {
        return new CoreTargets(kernelVmlinux(), CoreTargets::kernelModules);
    }

    private static synchronized Btf kernelVmlinux() throws EngineException {
        Btf btf = cachedVmlinux.get();
        if (btf == null) {
            Path p = KERNEL_BTF.resolve("vmlinux");
            try {
                btf = Btf.parse(p.toString(), Files.readAllBytes(p));
            } catch (NoSuchFileException e) {
                throw new CoreException(p + " does not exist: this kernel has no BTF (CONFIG_DEBUG_INFO_BTF), so "
                        + "CO-RE relocations cannot be resolved");
            } catch (IOException e) {
                throw new CoreException("cannot read " + p + ": " + e.getMessage());
            }
            cachedVmlinux = new SoftReference<>(btf);
        }
        return btf;
    }

    private static List<Target> kernelModules(Btf vmlinux) throws EngineException {
        List<Path> files;
        try (Stream<Path> s = Files.list(KERNEL_BTF)) {
            files = s.filter(p -> !p.getFileName().toString().equals("vmlinux")).sorted().toList();
        } catch (IOException e) {
            throw new CoreException("cannot list " + KERNEL_BTF + ": " + e.getMessage());
        }
        List<Target> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.add(new Target(p.getFileName().toString(), Btf.parseSplit(p.toString(), Files.readAllBytes(p),
                        vmlinux)));
            } catch (NoSuchFileException e) {
                // the module was unloaded since the listing: it has no types to offer
            } catch (IOException e) {
                throw new CoreException("cannot read " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    public Btf vmlinux() {
        return vmlinux.btf();
    }

    /**
     * libbpf's candidates for a local type: target types of a compatible kind whose name without flavor equals the
     * local one's, in id order; from vmlinux, or if it has none, from the modules.
     */
    List<CoreCandidate> candidates(Btf local, int localId) throws EngineException {
        BtfType localType = local.type(localId);
        String name = CoreCompatibility.essentialName(localType.name());
        List<CoreCandidate> out = new ArrayList<>();
        add(vmlinux, localType, name, out);
        if (!out.isEmpty()) return out;
        if (modules == null) modules = moduleSource.load(vmlinux.btf());
        for (Target m : modules) add(m, localType, name, out);
        return out;
    }

    private void add(Target t, BtfType localType, String name, List<CoreCandidate> out) {
        for (int id : index.computeIfAbsent(t, CoreTargets::buildIndex).getOrDefault(name, List.of())) {
            if (CoreCompatibility.kindsCompatible(t.btf().type(id), localType)) out.add(new CoreCandidate(t, id));
        }
    }

    private static Map<String, List<Integer>> buildIndex(Target t) {
        Btf btf = t.btf();
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int id = btf.firstOwnTypeId(); id <= btf.typeCount(); id++) {
            String n = btf.type(id).name();
            if (!n.isEmpty() && id != 0) {
                byName.computeIfAbsent(CoreCompatibility.essentialName(n), k -> new ArrayList<>(1)).add(id);
            }
        }
        return byName;
    }
}
