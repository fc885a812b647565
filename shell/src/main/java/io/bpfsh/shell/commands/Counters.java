package io.bpfsh.shell.commands;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.ValueSlots;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.data.DataFormat;

/** A map value read as a counter for hist: an unsigned integer of 1, 2, 4 or 8 bytes, summed over CPUs. */
final class Counters {
    private Counters() {
    }

    static void requireCounters(BpfMap map, String command, String ref) throws CommandException {
        if (!DataFormat.isInteger(map.valueSize())) {
            throw new CommandException(command + " " + ref + ": values are " + map.valueSize()
                    + " bytes; counters are unsigned integers of 1, 2, 4 or 8 bytes");
        }
    }

    static long sum(BpfMap map, byte[] buffer) {
        ValueSlots slots = map.valueSlots();
        long total = 0;
        for (int i = 0; i < slots.count(); i++) {
            total += Long.parseUnsignedLong(DataFormat.text(buffer, slots.offset(i), map.valueSize()));
        }
        return total;
    }
}
