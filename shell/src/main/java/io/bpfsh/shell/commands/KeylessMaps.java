package io.bpfsh.shell.commands;

import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.MapType;
import io.bpfsh.shell.CommandException;

/**
 * What to say when a command that works by key meets a map that has none (the kernel answers EINVAL
 * or cannot iterate it): which commands do apply to it.
 */
final class KeylessMaps {
    private KeylessMaps() {
    }

    /** Fails with the commands that apply when {@code map} has no keys or cannot be iterated. */
    static void requireKeyed(BpfMap map, String command, String ref) throws CommandException {
        String use = commandsFor(map.type());
        if (use != null) {
            throw new CommandException(command + " " + ref + ": " + use);
        }
    }

    static String commandsFor(MapType t) {
        if (t == null) {
            return null;
        }
        switch (t) {
            case QUEUE:
            case STACK:
                return "a " + t.displayName() + " has no keys and cannot be listed without taking its elements "
                        + "out: push VALUE adds one, pop takes the next out, peek shows it";
            case BLOOM_FILTER:
                return "a bloom filter has no keys and cannot be listed: push VALUE adds a value, peek VALUE tests one";
            case RINGBUF:
            case PERF_EVENT_ARRAY:
                return "a " + t.displayName() + " carries records, not entries: events " + "streams them";
            case USER_RINGBUF:
                return "a user_ringbuf is written by user space and drained by a program; it has no entries";
            default:
                return null;
        }
    }
}
