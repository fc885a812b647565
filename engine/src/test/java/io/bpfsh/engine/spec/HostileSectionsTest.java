package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Section headers that the ELF reader accepts but that hold nothing where the spec reader needs data
 * (SHT_NOBITS), or claim sizes no file bounds: refused with a reason, never an unchecked exception.
 */
class HostileSectionsTest {

    @Test
    void mapSectionsWithoutData() {
        CraftedObject o = new CraftedObject();
        o.nobits("maps/x", CraftedObject.ALLOC, 4, 280);
        assertEquals("crafted.o: section maps/x: map section holds no data in the file (SHT_NOBITS)", o.specError());
        CraftedObject shared = new CraftedObject();
        int maps = shared.nobits("maps", CraftedObject.ALLOC, 4, 36);
        shared.object("m", maps, 0, 36);
        assertEquals("crafted.o: section maps: map section holds no data in the file (SHT_NOBITS)", shared.specError());
    }

    @Test
    void programAndVersionSectionsWithoutData() {
        CraftedObject o = new CraftedObject();
        o.nobits("xdp/count", CraftedObject.ALLOC | CraftedObject.EXEC, 8, 64);
        assertEquals("crafted.o: section xdp/count: executable section holds no instructions in the file (SHT_NOBITS)",
                o.specError());
        CraftedObject v = new CraftedObject();
        v.nobits("version", CraftedObject.ALLOC, 4, 4);
        assertEquals("crafted.o: section version: 4 bytes with no data in the file; the version must be a 4-byte __u32",
                v.specError());
    }

    @Test
    void hugeBss() {
        CraftedObject o = new CraftedObject();
        o.nobits(".bss", CraftedObject.ALLOC | CraftedObject.WRITE, 8, 0x7ffffff0L);
        assertEquals("crafted.o: section .bss: global data of 2147483632 bytes; a map value holds at most 16777216",
                o.specError());
    }

    @Test
    void btfMapWhoseSymbolDoesNotMatchItsBtfName() throws Exception {
        // rename the symbol 'results' to 'resultz' in .strtab only: BTF still says 'results'
        byte[] bytes = Files.readAllBytes(Samples.object("modern_subprog.o"));
        ElfSection strtab = ElfFile.parse("x.o", bytes).section(".strtab").orElseThrow();
        byte[] needle = "results\0".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, needle, (int) strtab.offset(), (int) (strtab.offset() + strtab.size()));
        assertTrue(at >= 0, "symbol name found in .strtab");
        bytes[at + 6] = 'z';
        Path f = Files.createTempFile("bpfsh-renamed", ".o");
        try {
            Files.write(f, bytes);
            EngineException e = assertThrows(EngineException.class, () -> ObjectSpec.read(f));
            assertTrue(e.getMessage().startsWith(f + ": section xdp: relocation at offset "), e.getMessage());
            assertTrue(e.getMessage().contains("'resultz'"), e.getMessage());
        } finally {
            Files.delete(f);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        for (int i = from; i + needle.length <= to; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
