package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfBinary;
import io.bpfsh.engine.elf.ElfSymbol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A uprobe location: a binary, a function in it (optionally +OFFSET), and the file offset the kernel
 * probes, from the binary's symbol table and program headers as libbpf computes it.
 */
record UprobeTarget(Path file, String symbol, long offset) {
    /** Where a bare name ("libc.so.6", "bash") is looked for, as a user would expect. */
    private static final List<String> SEARCH = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    static UprobeTarget resolve(String binaryAndSymbol) throws EngineException {
        int colon = binaryAndSymbol.lastIndexOf(':');
        if (colon <= 0 || colon == binaryAndSymbol.length() - 1) {
            throw new EngineException("uprobe '" + binaryAndSymbol + "': expected BINARY:SYMBOL (e.g. /bin/bash:readline)");
        }
        String binary = binaryAndSymbol.substring(0, colon);
        String symbol = binaryAndSymbol.substring(colon + 1);
        long extra = 0;
        int plus = symbol.indexOf('+');
        if (plus > 0) {
            try {
                extra = Long.decode(symbol.substring(plus + 1));
            } catch (NumberFormatException e) {
                throw new EngineException("uprobe '" + binaryAndSymbol + "': offset '" + symbol.substring(plus + 1)
                        + "' is not a number");
            }
            symbol = symbol.substring(0, plus);
        }
        Path file = locate(binary);
        ElfBinary elf = ElfBinary.read(file);
        String sym = symbol;
        ElfSymbol s = elf.function(sym).orElseThrow(() -> new EngineException("uprobe " + binaryAndSymbol + ": "
                + file + " defines no function '" + sym + "'"));
        long address = s.value() + extra;
        long offset = elf.fileOffsetOf(address).orElseThrow(() -> new EngineException("uprobe " + binaryAndSymbol
                + ": address 0x" + Long.toHexString(address) + " of '" + sym + "' is in no loadable segment of " + file));
        return new UprobeTarget(file, symbol, offset);
    }

    private static Path locate(String binary) throws EngineException {
        if (binary.contains("/")) {
            return Path.of(binary).toAbsolutePath().normalize();
        }
        for (String dir : SEARCH) {
            Path p = Path.of(dir, binary);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new EngineException("uprobe binary '" + binary + "': not found in " + String.join(", ", SEARCH)
                + " (give a path)");
    }
}
