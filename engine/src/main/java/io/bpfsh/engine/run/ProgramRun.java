package io.bpfsh.engine.run;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.KernelObjects;
import io.bpfsh.engine.sys.PinAccess;
import io.bpfsh.engine.sys.TestRunInput;
import io.bpfsh.engine.sys.TestRunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A test run that also reports what it did to the program's maps: every map the program uses (the
 * kernel's list of its map ids) is read before and after the run, and the entries that differ are the
 * result. Anything else writing the maps at the same time (the program attached somewhere, another
 * process) shows up too; the notes say which maps could not be compared.
 */
public final class ProgramRun {
    private ProgramRun() {
    }

    /** The run's result, the map entries it changed, and a note per map left out of the comparison. */
    public record Outcome(TestRunResult result, List<MapChange> changes, List<String> notes) {
        public Outcome {
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }
    }

    /** A test run; with {@code compareMaps} also the map entries it changed ({@link #withMapChanges}). */
    public static Outcome of(BpfProgram program, TestRunInput input, boolean compareMaps) throws EngineException {
        return compareMaps ? withMapChanges(program, input) : new Outcome(program.testRun(input), List.of(), List.of());
    }

    public static Outcome withMapChanges(BpfProgram program, TestRunInput input) throws EngineException {
        List<BpfMap> maps = new ArrayList<>();
        try {
            List<String> notes = new ArrayList<>();
            List<MapSnapshot> before = new ArrayList<>();
            for (int id : program.queryInfo().mapIds()) {
                BpfMap m = open(id, notes);
                if (m == null) {
                    continue;
                }
                if (!m.type().isIterable()) {
                    notes.add("map " + name(m) + " (" + m.type().displayName() + "): its entries cannot be read back,"
                            + " not compared");
                    m.close();
                    continue;
                }
                MapSnapshot s = MapSnapshot.of(m);
                if (s == null) {
                    notes.add("map " + name(m) + ": more than " + MapSnapshot.MAX_ENTRIES + " entries, not compared");
                    m.close();
                    continue;
                }
                maps.add(m);
                before.add(s);
            }
            TestRunResult result = program.testRun(input);
            List<MapChange> changes = new ArrayList<>();
            for (int i = 0; i < maps.size(); i++) {
                BpfMap m = maps.get(i);
                MapSnapshot after = MapSnapshot.of(m);
                if (after == null) {
                    notes.add("map " + name(m) + ": grew past " + MapSnapshot.MAX_ENTRIES + " entries, not compared");
                    continue;
                }
                changes.addAll(before.get(i).changesTo(after, m.id(), m.info().name()));
            }
            return new Outcome(result, changes, notes);
        } finally {
            maps.forEach(BpfMap::close);
        }
    }

    private static BpfMap open(int id, List<String> notes) {
        try {
            return KernelObjects.openMap(id, PinAccess.READ_ONLY);
        } catch (BpfException e) {
            notes.add("map id " + id + ": " + e.getMessage() + ", not compared");
            return null;
        }
    }

    private static String name(BpfMap m) {
        return m.info().name().isEmpty() ? "id " + m.id() : m.info().name();
    }
}
