package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The version section is one native __u32; any other size is refused naming the section and its size. */
class VersionSectionTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 8})
    void notFourBytes(int size) {
        CraftedObject o = new CraftedObject();
        o.data("version", new byte[size]);
        assertEquals("crafted.o: section version: " + size + " bytes; the version must be a 4-byte __u32", o.specError());
    }

    @Test
    void fourBytesAreTakenAsIs() throws Exception {
        CraftedObject o = new CraftedObject();
        o.data("version", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x00060812).array());
        assertEquals(0x00060812, o.spec().kernelVersion());
    }

    @Test
    void absentMeansZero() throws Exception {
        assertEquals(0, new CraftedObject().spec().kernelVersion());
    }
}
