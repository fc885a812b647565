package io.bpfsh.engine.disasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kernel symbol addresses from /proc/kallsyms, as bpftool reads them to name what xlated instructions
 * call: the verifier rewrites a helper call's immediate to the helper's address minus
 * {@code __bpf_call_base}, and JITed BPF functions appear as {@code bpf_prog_<tag>_<name>}. Without the
 * right to see addresses (kptr_restrict) every address reads 0 and nothing is named.
 */
public final class KernelSymbols {
    private static final Path KALLSYMS = Path.of("/proc/kallsyms");

    private final Map<Long, String> byAddress;
    private final long callBase;

    private KernelSymbols(Map<Long, String> byAddress, long callBase) {
        this.byAddress = byAddress;
        this.callBase = callBase;
    }

    /** Reads /proc/kallsyms; an unreadable file gives a table that names nothing. */
    public static KernelSymbols read() {
        Map<Long, String> byAddress = new HashMap<>();
        long callBase = 0;
        try (BufferedReader r = Files.newBufferedReader(KALLSYMS, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                // "ffffffff81000000 T _stext" or "ffffffffc0201000 t bpf_prog_1a2b_name\t[bpf]"
                int sp1 = line.indexOf(' ');
                int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
                if (sp2 < 0) {
                    continue;
                }
                int end = line.indexOf('\t', sp2 + 1);
                String name = line.substring(sp2 + 1, end < 0 ? line.length() : end);
                long address;
                try {
                    address = Long.parseUnsignedLong(line.substring(0, sp1), 16);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (address == 0) {
                    continue;
                }
                if (name.equals("__bpf_call_base")) {
                    callBase = address;
                }
                byAddress.putIfAbsent(address, name);
            }
        } catch (IOException e) {
            return new KernelSymbols(Map.of(), 0);
        }
        return new KernelSymbols(byAddress, callBase);
    }

    /** The symbol at exactly this address. */
    public Optional<String> at(long address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** The address xlated call immediates count from; 0 when kallsyms hides addresses. */
    public long callBase() {
        return callBase;
    }
}
