package io.bpfsh.shell.commands;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.events.RecordType;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.Refs;

/** Where events --type looks a TYPE up: the module's object for MODULE:NAME, the kernel's BTF otherwise. */
final class RecordTypes {
    private RecordTypes() {
    }

    static RecordType of(Refs.Resolved<BpfMap> r, String ref, String spelling) throws EngineException {
        if (r.moduleMap().isPresent()) {
            Refs.ModuleMap mm = r.moduleMap().get();
            Btf btf = mm.module().spec().btf();
            if (btf == null) {
                throw new CommandException("events " + ref + ": module " + mm.moduleName()
                        + " has no BTF (build the object with clang -g) to find type '" + spelling + "' in");
            }
            return RecordType.resolve(btf, spelling);
        }
        return RecordType.fromKernel(r.object(), spelling);
    }
}
