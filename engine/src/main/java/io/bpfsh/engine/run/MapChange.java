package io.bpfsh.engine.run;

/**
 * One entry of a program's map that a test run changed: added ({@code before} null), removed
 * ({@code after} null) or given a new value. Values are the raw bytes as lookup returns them (per-CPU
 * maps: one slot per possible CPU).
 */
public record MapChange(int mapId, String mapName, byte[] key, byte[] before, byte[] after) {

    public boolean added() {
        return before == null;
    }

    public boolean removed() {
        return after == null;
    }
}
