package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapAttributes;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.engine.sys.UpdateMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The run the launcher records its class-data archive from (launcher/jvm.sh): the classes a batch
 * command loads, so that every later start maps them instead of loading and verifying them. It runs
 * bpfsh's own entry point on the common batch commands, text and JSON, against a small unpinned map
 * it creates (freed when the process ends) and the objects given as arguments ({@code load --dry-run},
 * which touches no kernel state). Output is discarded; nothing on bpffs is created or changed.
 * Without BPF rights the map part fails quietly and the archive covers less.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] objects) {
        List<String> commands = new ArrayList<>(List.of("help", "ls", "modules", "maps", "handles"));
        for (String object : objects) {
            commands.add("load '" + object + "' --dry-run");
        }
        run(commands);
        try (BpfMap map = BpfMap.create(MapAttributes.of(MapType.HASH, 4, 8, 64).withName("bpfsh_training"))) {
            for (int k = 0; k < 16; k++) {
                map.update(le(4, k), le(8, k * 1000L), UpdateMode.ANY);
            }
            String ref = "id:" + map.id();
            run(List.of("info " + ref, "dump " + ref, "lookup " + ref + " 1", "update " + ref + " 1 2",
                    "delete " + ref + " 1", "lookup " + ref + " 1"));
        } catch (EngineException | RuntimeException e) {
            // no BPF here (or no rights): the archive holds the commands above only
        }
        System.exit(0);
    }

    /** Runs the commands as one batch, then again with --json, their output discarded. */
    private static void run(List<String> commands) {
        for (boolean json : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("--no-mount", "--keep-going"));
            if (json) {
                args.add("--json");
            }
            for (String c : commands) {
                args.add("-c");
                args.add(c);
            }
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Main.run(args.toArray(String[]::new), InputStream.nullInputStream(), discard, discard, false);
        }
    }

    private static byte[] le(int size, long value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        return (size == 4 ? b.putInt((int) value) : b.putLong(value)).array();
    }
}
