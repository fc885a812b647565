package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.output.EntryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push",
        description = {"Push a value onto a queue or stack, or add it to a bloom filter.",
                "Queues, stacks and bloom filters have no keys (lookup, update and delete do not apply): "
                        + "push adds, pop takes the next element out (the oldest of a queue, the newest of a "
                        + "stack), peek shows it without taking it, or tests a bloom filter for a value. "
                        + "A full queue or stack refuses the value unless --overwrite, which drops the oldest.",
                LiteralHelp.PRECEDENCE},
        footer = {"  push m:lengths 60                a __u32 onto the sample's queue",
                "  push m:lengths 61 --overwrite    drop the oldest when the queue is full",
                "  push seen hex:0a000001           add 4 bytes to a pinned bloom filter"})
final class Push extends ShellCommand {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The queue, stack or bloom filter: MODULE:NAME, @NAME, id:N or a pin path.")
    private String ref;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "1", paramLabel = "VALUE", parameterConsumer = LiteralConsumer.class,
            description = "The value literal.")
    private LiteralArg value;

    @Completes(value = ArgKind.FLAG, offered = true)
    @Option(names = "--overwrite", description = "On a full queue or stack, drop the oldest element (BPF_EXIST).")
    private boolean overwrite;

    @Override
    protected void execute() throws EngineException {
        try (Refs.Resolved<BpfMap> r = Refs.map(session, ref, PinAccess.READ_WRITE)) {
            BpfMap map = r.object();
            MapTypes types = MapTypes.of(session, r, map);
            byte[] v = types.value(value, map.valueSize());
            map.push(v, overwrite);
            ValueOutput.print(this, "pushed", new EntryPrinter(map, types), v);
        }
    }
}
