package io.bpfsh.engine.events;

import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.Errno;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.ProgRunStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run counters of every program in the kernel, for a `top` view: take a snapshot per interval
 * while a {@link io.bpfsh.engine.sys.RunTimeStats} is open (as bpftop does) and compare them.
 */
public final class ProgramRunTimes {
    private ProgramRunTimes() {
    }

    /** Every loaded program's counters now, most run time first. Opening by id needs root. */
    public static List<ProgRunStats> snapshot() throws BpfException {
        List<ProgRunStats> all = new ArrayList<>();
        for (int id : KernelObjects.progIds()) {
            try (BpfProgram p = KernelObjects.openProgram(id)) {
                all.add(p.runStats());
            } catch (BpfException e) {
                if (!e.is(Errno.ENOENT)) { // unloaded between listing and opening
                    throw e;
                }
            }
        }
        all.sort(Comparator.comparingLong(ProgRunStats::runTimeNanos).reversed()
                .thenComparingInt(ProgRunStats::id));
        return all;
    }
}
