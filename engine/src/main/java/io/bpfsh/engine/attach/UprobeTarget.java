package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import java.nio.file.Path;

/** A uprobe location: a binary, a symbol in it, and the file offset the kernel probes. */
record UprobeTarget(Path file, String symbol, long offset) {

    static UprobeTarget resolve(String binaryAndSymbol) throws EngineException {
        throw new EngineException("uprobe " + binaryAndSymbol + ": not supported yet");
    }
}
