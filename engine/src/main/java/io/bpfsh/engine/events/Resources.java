package io.bpfsh.engine.events;

/** Closing what a reader holds, all of it even when one close fails. */
final class Resources {
    private Resources() {
    }

    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    // each close here only releases an FD or a mapping; go on with the others
                }
            }
        }
    }
}
