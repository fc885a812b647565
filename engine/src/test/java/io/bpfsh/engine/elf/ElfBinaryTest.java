package io.bpfsh.engine.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Host binaries for uprobes are read with the object reader's bounds: this JVM's own launcher is a
 * real ET_DYN binary; truncated and mutated copies of it fail with one ElfFormatException, never more.
 */
class ElfBinaryTest {
    private static byte[] launcher() throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    }

    /** The libc this process runs with, from its memory map. */
    static Path libc() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .filter(p -> p.contains("/libc.so")).findFirst().map(Path::of).orElseThrow();
    }

    @Test
    void aFunctionsAddressIsTheOneNmReportsAndMapsToItsSegmentsFileOffset() throws Exception {
        Path libc = libc();
        ElfBinary b = ElfBinary.read(libc);
        assertEquals(3, b.type(), "a shared library is ET_DYN");
        ElfSymbol getppid = b.function("getppid").orElseThrow();
        // nm (binutils) as the independent reader of the dynamic symbol table
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", libc.toString()).start();
        String listing = new String(nm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        nm.waitFor();
        long nmValue = listing.lines().filter(l -> l.matches("[0-9a-f]+ [TWi] getppid(@.*)?")).map(l -> Long.parseLong(
                l.substring(0, l.indexOf(' ')), 16)).findFirst().orElseThrow();
        assertEquals(nmValue, getppid.value());
        ElfSegment seg = b.segments().stream().filter(s -> s.contains(getppid.value())).findFirst().orElseThrow();
        assertTrue((seg.flags() & ElfSegment.PF_X) != 0, "code is in an executable segment");
        assertEquals(getppid.value() - seg.vaddr() + seg.offset(), (long) b.fileOffsetOf(getppid.value()).orElseThrow());
    }

    @Test
    void anEbpfObjectIsNotABinary() throws Exception {
        byte[] obj = new io.bpfsh.engine.elf.BpfObjectBuilder().build();
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfBinary.parse("x.o", obj));
        assertEquals("x.o: not an executable or shared library (e_type 1)", e.getMessage());
    }

    @Test
    void programHeadersOutsideTheFileAreRefused() throws Exception {
        byte[] b = launcher();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(32, b.length - 8); // e_phoff
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfBinary.parse("java", b));
        assertTrue(e.getMessage().startsWith("java: program header table extends past end of file"), e.getMessage());
    }

    @Test
    void truncatedAndMutatedCopiesFailCleanly() throws Exception {
        byte[] b = launcher();
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] m = i % 3 == 0 ? Arrays.copyOf(b, r.nextInt(b.length)) : b.clone();
            if (i % 3 != 0) {
                for (int k = 0; k < 8; k++) {
                    m[r.nextInt(Math.min(m.length, 4096))] = (byte) r.nextInt();
                }
            }
            try {
                ElfBinary.parse("mutated", m);
            } catch (ElfFormatException expected) {
                assertTrue(expected.getMessage().startsWith("mutated: "), expected.getMessage());
            }
        }
    }
}
