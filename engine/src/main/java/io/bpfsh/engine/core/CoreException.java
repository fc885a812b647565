package io.bpfsh.engine.core;

import io.bpfsh.engine.EngineException;

/**
 * A CO-RE relocation that cannot be applied correctly: malformed (a bad access string, an unknown kind), ambiguous
 * (candidates disagree), or out of range. The message names the file, section, instruction and access string. A
 * relocation that merely finds no target is not this: it poisons its instruction, as libbpf does.
 */
public class CoreException extends EngineException {
    public CoreException(String message) {
        super(message);
    }
}
