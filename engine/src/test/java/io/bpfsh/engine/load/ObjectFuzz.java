package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.Pinning;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.testing.OpenFds;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Feeds mutated sample objects through the engine as a user would: {@code Module.open}, then {@code load}
 * under a private bpffs directory, then {@code close} unpinning every map. Counts how each input ended and
 * checks, after each one, that no pin is left; FDs and mappings are compared around the whole run.
 * {@link ObjectFuzzKernelTest} runs a short fixed-seed round in the suite; {@code engine/fuzz.sh} runs
 * {@link #main} for long rounds and prints the figures.
 */
final class ObjectFuzz {
    /**
     * Keeps a mutated max_entries from creating large maps on a machine others share: with 64 MiB, four
     * parallel rounds (and their JVMs' default heaps) helped run a shared 24 GiB machine out of memory.
     */
    static final long MAP_MEMORY_LIMIT = 16L << 20;

    /** What a run did. */
    static final class Figures {
        long inputs;
        long opened;
        long loaded;
        long cleanErrors;
        long multiLineErrors;
        long errorsWithoutFile;
        final Map<String, Long> unchecked = new TreeMap<>();
        final Map<String, String> uncheckedExample = new LinkedHashMap<>();
        long pinsLeft;
        long directoriesLeft;
        int fdsBefore;
        int fdsAfter;
        int mappingsBefore;
        int mappingsAfter;
        int kernelMapsBefore;
        int kernelMapsAfter;
        int kernelProgsBefore;
        int kernelProgsAfter;
        long millis;

        long uncheckedTotal() {
            return unchecked.values().stream().mapToLong(Long::longValue).sum();
        }

        void print(PrintStream out) {
            out.printf("inputs                 %d (%.0f per second)%n", inputs, inputs * 1000.0 / Math.max(1, millis));
            out.printf("opened                 %d%n", opened);
            out.printf("loaded                 %d%n", loaded);
            out.printf("clean errors           %d (multi-line %d, not naming the file %d)%n", cleanErrors,
                    multiLineErrors, errorsWithoutFile);
            out.printf("unchecked exceptions   %d%n", uncheckedTotal());
            unchecked.forEach((k, v) -> out.printf("  %8d  %s  e.g. %s%n", v, k, uncheckedExample.get(k)));
            out.printf("pins left              %d (directories left by loads: %d, removed after each input)%n",
                    pinsLeft, directoriesLeft);
            out.printf("FDs before/after       %d / %d%n", fdsBefore, fdsAfter);
            out.printf("BPF mmaps before/after %d / %d%n", mappingsBefore, mappingsAfter);
            out.printf("kernel maps            %d / %d (system-wide: other processes' objects count too)%n",
                    kernelMapsBefore, kernelMapsAfter);
            out.printf("kernel programs        %d / %d (system-wide)%n", kernelProgsBefore, kernelProgsAfter);
        }
    }

    private ObjectFuzz() {
    }

    /** Runs {@code inputs} mutated objects, round-robin over every sample, from {@code seed}. */
    static Figures run(long inputs, long seed, PrintStream progress) throws Exception {
        Random random = new Random(seed);
        List<ObjectMutator> mutators = new ArrayList<>();
        try (Stream<Path> s = Files.list(Samples.dir())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
                mutators.add(new ObjectMutator(Files.readAllBytes(p), random));
            }
        }
        Path dir = Files.createTempDirectory("bpfsh-fuzz");
        Path file = dir.resolve("mutated.o");
        Figures f = new Figures();
        LoadOptions options = LoadOptions.defaults().withMaxMapMemory(MAP_MEMORY_LIMIT);
        try (TestBpffs fs = new TestBpffs("fuzz")) {
            warmUp(fs, mutators, file, options);
            f.fdsBefore = OpenFds.count();
            f.mappingsBefore = mappings();
            f.kernelMapsBefore = KernelObjects.mapIds().size();
            f.kernelProgsBefore = KernelObjects.progIds().size();
            long start = System.currentTimeMillis();
            for (long i = 0; i < inputs; i++) {
                Files.write(file, mutators.get((int) (i % mutators.size())).next());
                one(fs, file, options, f);
                f.inputs++;
                leftOver(fs, f);
                if (progress != null && inputs >= 10 && (i + 1) % (inputs / 10) == 0) {
                    // the whole figures at each tenth, so that a long round cut short still reports
                    after(f, start);
                    progress.printf("--- after %d inputs, %d s%n", i + 1, f.millis / 1000);
                    f.print(progress);
                }
            }
            after(f, start);
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
        return f;
    }

    private static void after(Figures f, long start) throws Exception {
        f.millis = System.currentTimeMillis() - start;
        f.fdsAfter = OpenFds.count();
        f.mappingsAfter = mappings();
        f.kernelMapsAfter = KernelObjects.mapIds().size();
        f.kernelProgsAfter = KernelObjects.progIds().size();
    }

    /** One intact load of each sample first, so that classes and JNA are loaded before FDs are counted. */
    private static void warmUp(TestBpffs fs, List<ObjectMutator> mutators, Path file, LoadOptions options)
            throws Exception {
        Figures ignored = new Figures();
        try (Stream<Path> s = Files.list(Samples.dir())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".o")).sorted().toList()) {
                Files.copy(p, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                one(fs, file, options, ignored);
                leftOver(fs, ignored);
            }
        }
        for (ObjectMutator m : mutators) {
            Files.write(file, m.next());
            one(fs, file, options, ignored);
            leftOver(fs, ignored);
        }
    }

    private static void one(TestBpffs fs, Path file, LoadOptions options, Figures f) {
        try (Module m = Module.open(file, fs.bpffs())) {
            f.opened++;
            Map<String, SectionParams> params = new LinkedHashMap<>();
            Map<String, CloseOptions> unpin = new LinkedHashMap<>();
            for (MapSpec s : m.spec().maps()) {
                if (s.pinning() == Pinning.CUSTOM_NS) {
                    params.put(s.key(), SectionParams.pinPath("custom/" + s.name()));
                    unpin.put(s.key(), CloseOptions.unpinning("custom/" + s.name()));
                } else if (s.pinning() != Pinning.NONE) {
                    unpin.put(s.key(), CloseOptions.unpinning());
                }
            }
            m.load(params, options);
            f.loaded++;
            m.close(unpin);
        } catch (EngineException e) {
            f.cleanErrors++;
            String message = e.getMessage();
            if (message.contains("\n") || message.contains("\r")) {
                f.multiLineErrors++;
                keep(file, "multi-line error");
            }
            if (!message.contains(file.toString())) {
                f.errorsWithoutFile++;
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            StackTraceElement top = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            String kind = e.getClass().getSimpleName() + (top == null ? "" : " at " + top.getClassName()
                    .replace("io.bpfsh.engine.", "") + "." + top.getMethodName() + ":" + top.getLineNumber());
            f.unchecked.merge(kind, 1L, Long::sum);
            f.uncheckedExample.putIfAbsent(kind, String.valueOf(e.getMessage()));
            keep(file, kind);
        }
    }

    /** Counts and removes what an input left under the root: pins are a defect, directories are not. */
    private static void leftOver(TestBpffs fs, Figures f) {
        try (Stream<Path> s = Files.walk(fs.root())) {
            for (Path p : s.filter(p -> !p.equals(fs.root())).sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    f.directoriesLeft++;
                } else {
                    f.pinsLeft++;
                }
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first input of each kind of unchecked exception, for a reproduction. */
    private static void keep(Path file, String kind) {
        try {
            Path findings = Path.of(System.getProperty("java.io.tmpdir"), "bpfsh-fuzz-findings");
            Files.createDirectories(findings);
            Path out = findings.resolve(kind.replaceAll("[^A-Za-z0-9_.]", "_") + ".o");
            if (!Files.exists(out)) {
                Files.copy(file, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mappings of BPF objects (a map's mmap shows as anon_inode:bpf-map): the JVM's own come and go. */
    private static int mappings() throws IOException {
        return (int) Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("bpf")).count();
    }

    /** {@code ObjectFuzz INPUTS [SEED]}: a long run; prints the figures, exits 1 when a bar is missed. */
    public static void main(String[] args) throws Exception {
        long inputs = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        System.out.println("bpfsh object fuzz: " + inputs + " inputs, seed " + seed);
        Figures f = run(inputs, seed, System.err);
        f.print(System.out);
        boolean ok = f.uncheckedTotal() == 0 && f.pinsLeft == 0 && f.fdsAfter == f.fdsBefore && f.multiLineErrors == 0;
        System.out.println(ok ? "bar met: 0 unchecked exceptions, 0 FD leaks, 0 pins left" : "BAR MISSED");
        System.exit(ok ? 0 : 1);
    }
}
