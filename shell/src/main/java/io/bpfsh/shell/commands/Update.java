package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.ObjectKind;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.UpdateMode;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapErrors;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.Refs;
import io.bpfsh.shell.data.LiteralArg;
import io.bpfsh.shell.output.EntryPrinter;
import io.bpfsh.shell.output.JsonWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update",
        description = {"Write the value of one key (create or replace; see --noexist and --exist).",
                "On a per-CPU map the value is written to every CPU, or with --cpu N to that CPU alone. "
                        + "FIELD=VALUE words instead of a VALUE change only those fields of the value that is there "
                        + "(read, modify, write; dotted for nested fields, addr.port=80), so one counter is zeroed "
                        + "without retyping the struct; on a per-CPU map each CPU's value is edited (or CPU N's).",
                LiteralHelp.PRECEDENCE},
        footer = {"  update global:dummy_hash 1 42",
                "  update counter:pkt_counts 7 '{pkts=5, bytes=1000}'     a typed struct",
                "  update config:.data 0 '{seen=7}'                       global data",
                "  update ns1/globals/dummy_array 0 0xff --exist",
                "  update @names 1 \"eth0\"",
                "  update id:42 hex:01000000 \"hex:2a 00 00 00 00 00 00 00\" --noexist",
                "  update counter:pkt_counts 7 pkts=0                     zero one field, keep bytes",
                "  update stats 0 '{rx=1}' --cpu 1                        a per-CPU map: CPU 1's value only",
                "  update tail:jump_table 2 id:42                         a program array slot: the program with id 42"})
final class Update extends ShellCommand {
    @Mixin
    private MapKeyArgs args;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE", parameterConsumer = LiteralConsumer.class,
            description = "The value literal; or FIELD=VALUE words that change only those fields of the value there.")
    private List<LiteralArg> values;


    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    @Completes(ArgKind.TEXT)
    @Option(names = "--cpu", paramLabel = "N|all", description = "Per-CPU maps: write only CPU N's value (default: all).")
    private String cpu;

    /** The CPU slot --cpu names, or -1 for every CPU. */
    private int cpuIndex(BpfMap map) throws CommandException {
        if (cpu == null || cpu.equals("all")) {
            return -1;
        }
        if (!map.isPerCpu()) {
            throw new CommandException("update " + args.ref + ": --cpu is for per-CPU maps; this is a " + map.type().displayName());
        }
        try {
            int n = Integer.parseInt(cpu);
            if (n >= 0 && n < map.valueSlots().count()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new CommandException("update " + args.ref + ": --cpu is all or a CPU from 0 to "
                + (map.valueSlots().count() - 1) + ", not '" + cpu + "'");
    }

    /**
     * The buffer to write: one VALUE in the chosen slots, or FIELD=VALUE edits over the value there
     * (read, modify, write: the other fields, and the other CPUs' slots, keep their bytes).
     */
    private byte[] newValue(BpfMap map, MapTypes types, byte[] key, int onlyCpu) throws EngineException {
        boolean edits = values.stream().anyMatch(FieldEdits::isEdit);
        if (!edits && values.size() > 1 || edits && !values.stream().allMatch(FieldEdits::isEdit)) {
            throw new CommandException("update " + args.ref + ": give one VALUE, or FIELD=VALUE edits (pkts=0 bytes=0)");
        }
        ValueSlots slots = map.valueSlots();
        byte[] old = edits || onlyCpu >= 0 ? map.lookup(key) : null;
        if (edits && old == null) {
            throw new CommandException("update " + args.ref + ": key " + args.key.text()
                    + " not found; FIELD=VALUE edits change a value that is there");
        }
        if (edits && !types.typed()) {
            throw new CommandException("update " + args.ref + ": FIELD=VALUE edits need the value's BTF type, and "
                    + "this map has none; give the whole VALUE");
        }
        byte[] out = old != null ? old.clone() : new byte[slots.bufferSize()];
        byte[] one = edits ? null : types.value(values.get(0), map.valueSize());
        String literal = edits ? FieldEdits.literal(values) : null;
        for (int i = 0; i < slots.count(); i++) {
            if (onlyCpu >= 0 && i != onlyCpu) {
                continue;
            }
            byte[] slot = edits ? types.valueOnto(literal, Arrays.copyOfRange(out, slots.offset(i),
                    slots.offset(i) + map.valueSize()), literal) : one;
            System.arraycopy(slot, 0, out, slots.offset(i), map.valueSize());
        }
        return out;
    }

    /** Program arrays and maps of maps: their values are programs and maps, given by REF. */
    private static boolean holdsObjects(BpfMap map) {
        return map.type() == MapType.PROG_ARRAY || map.type() == MapType.ARRAY_OF_MAPS
                || map.type() == MapType.HASH_OF_MAPS;
    }

    /**
     * A program array's or map of maps' slot: the VALUE is a REF to the program or map to store (the kernel takes
     * its FD); what is stored then reads back as its id.
     */
    private void updateSlot(BpfMap map, MapTypes types, byte[] k, UpdateMode m) throws EngineException {
        if (values.size() != 1) {
            throw new CommandException("update " + args.ref + ": give one REF (the program or map to store)");
        }
        String ref = values.get(0).text();
        try (Refs.Resolved<BpfObject> target = Refs.object(session, ref)) {
            BpfObject o = target.object();
            boolean wantsProgram = map.type() == MapType.PROG_ARRAY;
            if (wantsProgram != (o.kind() == ObjectKind.PROG)) {
                throw new CommandException("update " + args.ref + ": " + ref + " is " + o.describe() + "; this "
                        + map.type().displayName() + " holds " + (wantsProgram ? "programs" : "maps"));
            }
            map.update(k, u32(o.fd().get()), m);
            EntryPrinter p = new EntryPrinter(map, types);
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().name("updated");
                p.json(w, k, u32(o.id()));
                w.endObject().endDocument();
            } else {
                out().println("updated " + p.text(k, u32(o.id())) + " (" + o.describe() + ")");
            }
        }
    }

    private static byte[] u32(int v) {
        return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** --noexist or --exist, or neither (create or replace). */
    static final class Mode {
        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--noexist", description = "Only create: fail if the key exists.")
        private boolean noexist;

        @Completes(value = ArgKind.FLAG, offered = true)
        @Option(names = "--exist", description = "Only replace: fail if the key is missing.")
        private boolean exist;
    }

    @Override
    protected void execute() throws EngineException {
        UpdateMode m = mode.noexist ? UpdateMode.NOEXIST : mode.exist ? UpdateMode.EXIST : UpdateMode.ANY;
        try (Refs.Resolved<BpfMap> r = Refs.map(session, args.ref, PinAccess.READ_WRITE)) {
            BpfMap map = r.object();
            KeylessMaps.requireKeyed(map, "update", args.ref);
            MapTypes types = MapTypes.of(session, r, map);
            byte[] k = types.key(args.key, map.keySize());
            if (holdsObjects(map)) {
                updateSlot(map, types, k, m);
                return;
            }
            byte[] v = newValue(map, types, k, cpuIndex(map));
            try {
                map.update(k, v, m);
            } catch (BpfException e) {
                if (m == UpdateMode.NOEXIST && e.is(Errno.EEXIST)) {
                    throw new CommandException("update " + args.ref + ": key " + args.key.text() + " already exists (--noexist)");
                }
                if (m == UpdateMode.EXIST && e.is(Errno.ENOENT)) {
                    throw new CommandException("update " + args.ref + ": key " + args.key.text() + " does not exist (--exist)");
                }
                if (e.is(Errno.E2BIG)) {
                    throw MapErrors.tooBig("update " + args.ref, map, args.key.text(), k);
                }
                throw e;
            }
            EntryPrinter p = new EntryPrinter(map, types);
            if (json()) {
                JsonWriter w = jsonWriter().beginObject().name("updated");
                p.json(w, k, v);
                w.endObject().endDocument();
            } else {
                confirm("updated " + p.text(k, v));
            }
        }
    }
}
