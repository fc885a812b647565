package io.bpfsh.engine.externs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kernel symbol addresses from {@code /proc/kallsyms}, for {@code .ksyms} externs without a type
 * ({@code extern const void sym __ksym}). Only the names asked for are kept. As libbpf, a data symbol ('d') with an
 * {@code .llvm.} suffix (a promoted static) answers to its name without the suffix, and a name found at two
 * different addresses is an error: which one the program meant cannot be known.
 */
public final class KernelSymbols {
    private static final Path KALLSYMS = Path.of("/proc/kallsyms");

    private KernelSymbols() {
    }

    /** Addresses of {@code names} in the running kernel; names it lacks are absent from the result. */
    public static Map<String, Long> running(Set<String> names) throws ExternException {
        try (Reader r = Files.newBufferedReader(KALLSYMS, StandardCharsets.US_ASCII)) {
            return requireAddresses(KALLSYMS.toString(), read(KALLSYMS.toString(), r, names));
        } catch (IOException e) {
            throw new ExternException("cannot read " + KALLSYMS + ": " + e.getMessage());
        }
    }

    /**
     * The kernel shows every address as 0 to a reader it hides them from (kernel.kptr_restrict, or no
     * CAP_SYSLOG): such a table would make every ksym extern silently 0, so it is an error instead.
     */
    private static Map<String, Long> requireAddresses(String origin, Map<String, Long> found) throws ExternException {
        if (!found.isEmpty() && found.values().stream().allMatch(a -> a == 0)) {
            String name = found.keySet().stream().sorted().findFirst().orElseThrow();
            throw new ExternException("extern (ksym) '" + name + "': " + origin + " shows every address as 0 "
                    + "(kernel.kptr_restrict, or no CAP_SYSLOG); run as root or lower kernel.kptr_restrict");
        }
        return found;
    }

    static Map<String, Long> parse(String origin, String text, Set<String> names) throws ExternException {
        try {
            return requireAddresses(origin, read(origin, new StringReader(text), names));
        } catch (IOException e) {
            throw new AssertionError(e); // a StringReader does not fail
        }
    }

    /** Lines are {@code ADDRESS TYPE NAME [MODULE]}; malformed lines are skipped, as libbpf's sscanf skips them. */
    private static Map<String, Long> read(String origin, Reader in, Set<String> names)
            throws IOException, ExternException {
        Map<String, Long> out = new HashMap<>();
        BufferedReader lines = new BufferedReader(in);
        for (String line; (line = lines.readLine()) != null; ) {
            String[] f = line.split("\\s+", 4);
            if (f.length < 3 || f[1].length() != 1) continue;
            String name = f[2];
            int llvm = name.indexOf(".llvm.");
            if (f[1].equals("d") && llvm >= 0) name = name.substring(0, llvm);
            if (!names.contains(name)) continue;
            long address;
            try {
                address = Long.parseUnsignedLong(f[0], 16);
            } catch (NumberFormatException e) {
                continue;
            }
            Long before = out.putIfAbsent(name, address);
            if (before != null && before != address) {
                throw new ExternException("extern (ksym) '" + name + "' is ambiguous in " + origin + ": 0x"
                        + Long.toHexString(before) + " or 0x" + Long.toHexString(address));
            }
        }
        return out;
    }
}
