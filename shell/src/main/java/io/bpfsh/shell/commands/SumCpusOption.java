package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.shell.CommandException;
import io.bpfsh.shell.MapTypes;
import io.bpfsh.shell.output.EntryPrinter;
import picocli.CommandLine.Option;

/** --sum-cpus, the same option on dump and watch (a picocli mixin). */
final class SumCpusOption {
    @Completes(value = ArgKind.FLAG, offered = true)
    @Option(names = "--sum-cpus", description = "Per-CPU maps: one value per entry, the sum over the CPUs.")
    boolean sumCpus;

    /** Fails when the map's values cannot be added: per-CPU, untyped, and not integers of 1, 2, 4 or 8 bytes. */
    void check(BpfMap map, MapTypes types, String command, String ref) throws CommandException {
        if (sumCpus && map.isPerCpu() && !EntryPrinter.canSum(map, types)) {
            throw new CommandException(command + " " + ref + ": --sum-cpus adds typed values or integers of 1, 2, 4 "
                    + "or 8 bytes; these values are " + map.valueSize() + " bytes without a type");
        }
    }
}
