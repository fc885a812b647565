package io.bpfsh.engine.load;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An object file's identity for PIN_OBJECT_NS: the hex SHA-1 of its bytes (iproute2's convention). */
final class ObjectId {
    private ObjectId() {
    }

    static String of(byte[] elf) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(elf));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
