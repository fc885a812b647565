package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapCursor;
import io.bpfsh.engine.sys.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's terse answers to map commands said in the map's terms, where the command knows what
 * it asked: E2BIG on an update is an index past the end of an array or a full map, ENOENT on a
 * lookup or delete is a key with no entry (or past the end of an array).
 */
public final class MapErrors {
    private MapErrors() {
    }

    /**
     * Why an update got E2BIG: "key 99 is outside the array (16 entries)" or "map is full (128 of 128
     * entries)", counting the entries (only on this failure path).
     *
     * @param what    "update REF", the start of the message
     * @param keyText the key as the user wrote it
     */
    public static CommandException tooBig(String what, BpfMap map, String keyText, byte[] key) throws EngineException {
        int max = map.info().maxEntries();
        if (isIndexed(map)) {
            return outside(what, keyText, index(key), max);
        }
        long n = 0;
        try (MapCursor c = map.entries()) {
            while (c.next()) {
                n++;
            }
        }
        return new CommandException(what + ": map is full (" + n + " of " + max + " entries)");
    }

    /** A lookup or delete found nothing: past the end of an array, or "no entry for key 7". */
    public static CommandException noEntry(String what, BpfMap map, String keyText, byte[] key) {
        int max = map.info().maxEntries();
        if (isIndexed(map) && Integer.compareUnsigned(index(key), max) >= 0) {
            return outside(what, keyText, index(key), max);
        }
        return new CommandException(what + ": no entry for key " + keyText);
    }

    private static CommandException outside(String what, String keyText, int index, int max) {
        return new CommandException(what + ": key " + keyText
                + (keyText.equals(Integer.toUnsignedString(index)) ? "" : " (index " + Integer.toUnsignedString(index) + ")")
                + " is outside the array (" + max + (max == 1 ? " entry" : " entries") + ")");
    }

    private static boolean isIndexed(BpfMap map) {
        MapType t = map.type();
        return t != null && t.isIndexed() && map.keySize() == 4;
    }

    /** An array's key is a u32 index in host (little-endian) order. */
    private static int index(byte[] key) {
        return ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
