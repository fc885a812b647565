package io.bpfsh.engine.load;

import java.util.HashSet;
import java.util.Set;

/**
 * The loads under way in this JVM, so that SIGINT and SIGTERM do not leave half a load pinned: the JVM
 * runs its shutdown hooks while other threads go on, so the hook installed here marks every load as
 * interrupted and waits (at most {@link #ROLLBACK_WAIT_MILLIS}) until each has rolled back. A load notices
 * at its next step (each map or program it opens, each pin it makes) and undoes all it did; a load that
 * completes first stays complete. SIGKILL cannot be caught: a load killed that way may leave pins.
 */
final class InFlightLoads {
    static final long ROLLBACK_WAIT_MILLIS = 10_000;
    private static final Object LOCK = new Object();
    private static final Set<LoadTransaction> LOADS = new HashSet<>();
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private InFlightLoads() {
    }

    /** The load is refused at once when the JVM is already shutting down. */
    static void begin(LoadTransaction tx) {
        synchronized (LOCK) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(InFlightLoads::awaitRollbacks, "bpfsh-load-rollback"));
                hookInstalled = true;
            }
            if (shuttingDown) {
                throw new LoadInterruptedException();
            }
            LOADS.add(tx);
        }
    }

    static void end(LoadTransaction tx) {
        synchronized (LOCK) {
            LOADS.remove(tx);
            LOCK.notifyAll();
        }
    }

    /** Throws when the JVM is shutting down: called by the load at each step. */
    static void checkNotInterrupted() {
        synchronized (LOCK) {
            if (shuttingDown) {
                throw new LoadInterruptedException();
            }
        }
    }

    private static void awaitRollbacks() {
        synchronized (LOCK) {
            shuttingDown = true;
            long deadline = System.currentTimeMillis() + ROLLBACK_WAIT_MILLIS;
            while (!LOADS.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    LOCK.wait(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Unchecked, so that every step of a load can raise it; the load rolls back on any exception. */
    static final class LoadInterruptedException extends RuntimeException {
        LoadInterruptedException() {
            super("load interrupted: the process is shutting down (SIGINT or SIGTERM); what it made is removed");
        }
    }
}
