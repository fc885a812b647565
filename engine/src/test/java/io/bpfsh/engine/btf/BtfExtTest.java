package io.bpfsh.engine.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.testing.Samples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** .BTF.ext of the samples, checked against the ELF symbols and the C sources; and damaged copies of it. */
class BtfExtTest {
    private record Parsed(ElfFile elf, Btf btf, byte[] ext) {
    }

    private static Parsed sample(String name) throws Exception {
        ElfFile elf = ElfFile.read(Samples.object(name));
        Btf btf = Btf.parse(name + ": .BTF", bytes(elf.section(".BTF").orElseThrow()));
        return new Parsed(elf, btf, bytes(elf.section(".BTF.ext").orElseThrow()));
    }

    private static byte[] bytes(ElfSection s) {
        ByteBuffer b = s.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void funcInfoNamesEveryFunctionSymbolOfItsSection() throws Exception {
        for (String name : List.of("core_task.o", "modern_subprog.o", "modern_subprogs.o")) {
            Parsed p = sample(name);
            BtfExt ext = BtfExt.parse(name, p.ext(), p.btf());
            for (ElfSection s : p.elf().sections()) {
                if (!s.isExecutable() || s.size() == 0) continue;
                List<BtfFuncInfo> funcs = ext.funcInfo(s.name());
                List<ElfSymbol> symbols = p.elf().symbols().stream()
                        .filter(sym -> sym.sectionIndex() == s.index() && sym.type() == ElfSymbol.STT_FUNC)
                        .sorted((a, b) -> Long.compare(a.value(), b.value())).toList();
                assertEquals(symbols.size(), funcs.size(), name + " " + s.name());
                for (int i = 0; i < funcs.size(); i++) {
                    assertEquals(symbols.get(i).value(), funcs.get(i).insnOffset(), name + " " + s.name());
                    assertEquals(symbols.get(i).name(), p.btf().type(funcs.get(i).typeId()).name());
                }
            }
        }
    }

    @Test
    void lineInfoQuotesTheSourceLines() throws Exception {
        Parsed p = sample("core_task.o");
        BtfExt ext = BtfExt.parse("core_task.o", p.ext(), p.btf());
        List<String> source = Files.readAllLines(Samples.dir().resolve("core_task.c"));
        List<BtfLineInfo> lines = ext.lineInfo("socket");
        assertTrue(lines.size() > 20, "line records: " + lines.size());
        long size = p.elf().section("socket").orElseThrow().size();
        long previous = -1;
        int quoted = 0;
        for (BtfLineInfo l : lines) {
            assertTrue(l.insnOffset() >= previous && l.insnOffset() < size, "offset " + l.insnOffset());
            previous = l.insnOffset();
            assertTrue(p.btf().string(l.fileNameOffset()).endsWith("core_task.c"));
            if (l.line() == 0) continue; // compiler-made code has no line
            assertEquals(source.get(l.line() - 1).strip(), p.btf().string(l.lineOffset()).strip(), "line " + l.line());
            quoted++;
        }
        assertTrue(quoted > 20);
    }

    @Test
    void coreRelocationsSitOnPatchableInstructions() throws Exception {
        Parsed p = sample("core_task.o");
        BtfExt ext = BtfExt.parse("core_task.o", p.ext(), p.btf());
        List<BtfCoreRelo> relos = ext.coreRelos("socket");
        assertEquals(List.of("socket"), List.copyOf(ext.coreRelos().keySet()));
        assertEquals(20, relos.size()); // one per builtin use in core_task.c's read_task
        ByteBuffer insns = p.elf().section("socket").orElseThrow().data().order(ByteOrder.LITTLE_ENDIAN);
        for (BtfCoreRelo r : relos) {
            int cls = insns.get((int) r.insnOffset()) & 0x07;
            assertTrue(cls == 0 || cls == 1 || cls == 2 || cls == 3 || cls == 4 || cls == 7,
                    "class " + cls + " at " + r.insnOffset());
            assertTrue(r.kind() >= 0 && r.kind() <= 11, "kind " + r.kind());
            assertFalse(r.accessString().isEmpty());
        }
        assertEquals("0:5", relos.get(0).accessString()); // task->pid: member 5 of the local task_struct
        assertEquals("task_struct", p.btf().type(relos.get(0).typeId()).name());
    }

    @Test
    void objectsWithoutCoreRelocationsHaveNone() throws Exception {
        Parsed p = sample("modern_counter.o");
        assertTrue(BtfExt.parse("x", p.ext(), p.btf()).coreRelos().isEmpty());
    }

    @Test
    void shortHeadersAreRefusedWithOneLine() throws Exception {
        Parsed p = sample("core_task.o");
        for (int n = 0; n < 24; n++) {
            byte[] cut = java.util.Arrays.copyOf(p.ext(), n);
            BtfFormatException e = assertThrows(BtfFormatException.class, () -> BtfExt.parse("x.o: .BTF.ext", cut,
                    p.btf()));
            assertTrue(e.getMessage().startsWith("x.o: .BTF.ext: "), e.getMessage());
        }
    }

    @Test
    void recordCountsPastTheEndAreRefused() throws Exception {
        Parsed p = sample("core_task.o");
        byte[] bad = p.ext().clone();
        ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
        int funcStart = b.getInt(4) + b.getInt(8);
        b.putInt(funcStart + 8, 0x10000000); // the first block's record count
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> BtfExt.parse("x", bad, p.btf()));
        assertTrue(e.getMessage().contains("records of 8 bytes do not fit"), e.getMessage());
    }

    /** Truncations and random byte changes: a parse or one line, never another exception. */
    @Test
    void damagedCopiesFailCleanly() throws Exception {
        Parsed p = sample("core_task.o");
        Random random = new Random(12);
        for (int i = 0; i < 4000; i++) {
            byte[] d = p.ext().clone();
            if (i < p.ext().length) {
                d = java.util.Arrays.copyOf(d, i);
            } else {
                for (int k = 0; k < 1 + random.nextInt(4); k++) d[random.nextInt(d.length)] = (byte) random.nextInt();
            }
            try {
                BtfExt.parse("x", d, p.btf());
            } catch (BtfFormatException e) {
                assertFalse(e.getMessage().contains("\n"));
            } catch (RuntimeException e) {
                fail("case " + i + ": " + e, e);
            }
        }
    }
}
