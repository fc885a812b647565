package io.bpfsh.shell;

import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.engine.sys.PinAccess;

/**
 * A kernel object the session opened with {@code get} and keeps under a name ({@code @NAME}).
 *
 * @param name   without the '@'
 * @param object the open object; its FD lives until {@code release} or the end of the session
 * @param source the pin path it was opened from
 * @param access how it was opened
 */
public record Handle(String name, BpfObject object, String source, PinAccess access) {
    public static String accessName(PinAccess access) {
        return switch (access) {
            case READ_WRITE -> "read-write";
            case READ_ONLY -> "read-only";
            case WRITE_ONLY -> "write-only";
        };
    }
}
