package io.bpfsh.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfCoreRelo;
import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.elf.ElfSection;
import io.bpfsh.engine.elf.ElfSymbol;
import io.bpfsh.engine.testing.Samples;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samples/core_task.o resolved against stand-in kernels compiled from the C files in this test's resources; the
 * expected offsets and sizes are the compiler's ({@code expect[]} in core_target.o's .rodata), not computed here.
 */
class CoreResolverTest {
    private static Btf local;
    private static BtfExt ext;
    private static long[] expect;

    private static ElfFile resource(String name) throws Exception {
        try (InputStream in = CoreResolverTest.class.getResourceAsStream(name)) {
            return ElfFile.parse(name, in.readAllBytes());
        }
    }

    private static byte[] bytes(ElfSection s) {
        ByteBuffer b = s.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static Btf btfOf(ElfFile elf) throws Exception {
        return Btf.parse("x: .BTF", bytes(elf.section(".BTF").orElseThrow()));
    }

    private static CoreTargets target(String name) throws Exception {
        return CoreTargets.of(btfOf(resource(name)), List.of());
    }

    @BeforeAll
    static void load() throws Exception {
        ElfFile elf = ElfFile.read(Samples.object("core_task.o"));
        local = btfOf(elf);
        ext = BtfExt.parse("core_task.o: .BTF.ext", bytes(elf.section(".BTF.ext").orElseThrow()), local);
        ElfFile target = resource("core_target.o");
        ElfSymbol sym = target.symbols().stream().filter(s -> s.name().equals("expect")).findFirst().orElseThrow();
        ByteBuffer ro = target.section(".rodata").orElseThrow().data().order(ByteOrder.LITTLE_ENDIAN);
        expect = new long[6];
        for (int i = 0; i < expect.length; i++) expect[i] = ro.getLong((int) sym.value() + 8 * i);
    }

    private static List<CoreResolution> resolveAll(CoreTargets targets) throws Exception {
        return new CoreResolver("core_task.o", local, targets).resolveAll(ext);
    }

    /** The first resolution of this kind whose local access contains {@code localAccess}. */
    private static CoreResolution at(List<CoreResolution> all, CoreRelocationKind kind, String localAccess) {
        return all.stream().filter(r -> r.kind() == kind && r.local().contains(localAccess)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + localAccess + " in " + all));
    }

    @Test
    void fieldOffsetsAreTheTargetCompilersAndTheObjectsOwnAreExpected() throws Exception {
        List<CoreResolution> all = resolveAll(target("core_target.o"));
        assertEquals(20, all.size());
        CoreResolution pid = at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "task_struct.pid ");
        assertEquals(expect[0], pid.value());
        assertEquals(36, pid.expected(), "the object's own layout: comm 16, bitfields 4, pad, pointer 8, tgid 4");
        assertTrue(pid.validate());
        assertFalse(pid.poisoned());
        assertEquals(expect[1], at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "task_struct.tgid ").value(),
                "tgid inside the target's anonymous struct");
        assertEquals(expect[2], at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "real_parent").value());
        assertEquals(expect[3], at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "comm").value());
        assertEquals(expect[1], at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "task_struct___bpfsh.tgid").value(),
                "the flavor resolves to the plain name");
        assertEquals(expect[4], at(all, CoreRelocationKind.TYPE_SIZE, "struct task_struct").value());
        assertEquals(expect[5], at(all, CoreRelocationKind.ENUMVAL_VALUE, "PIDTYPE_SID").value());
        assertEquals(7, at(all, CoreRelocationKind.ENUMVAL_VALUE, "PIDTYPE_SID").expected());
        assertEquals(1, at(all, CoreRelocationKind.ENUMVAL_EXISTS, "PIDTYPE_SID").value());
        assertEquals(1, at(all, CoreRelocationKind.FIELD_EXISTS, "task_struct.tgid").value());
    }

    @Test
    void targetTypeIdIsTheTargetsOwnId() throws Exception {
        Btf target = btfOf(resource("core_target.o"));
        CoreResolution id = at(resolveAll(CoreTargets.of(target, List.of())), CoreRelocationKind.TYPE_ID_TARGET,
                "task_struct");
        assertEquals("task_struct", target.type((int) id.value()).name());
        assertEquals(id.targetTypeId(), id.value());
        assertFalse(id.validate(), "type ids change at link time: libbpf never checks them");
    }

    @Test
    void bitfieldShiftsIsolateTheBitInItsContainer() throws Exception {
        List<CoreResolution> all = resolveAll(target("core_target.o"));
        long off = at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "in_execve").value();
        long size = at(all, CoreRelocationKind.FIELD_BYTE_SIZE, "in_execve").value();
        long lshift = at(all, CoreRelocationKind.FIELD_LSHIFT_U64, "in_execve").value();
        long rshift = at(all, CoreRelocationKind.FIELD_RSHIFT_U64, "in_execve").value();
        assertEquals(0, at(all, CoreRelocationKind.FIELD_SIGNED, "in_execve").value(), "unsigned int");
        // in the target, in_execve is bit 1 of the unsigned int after comm: the container is that int
        assertEquals(expect[3] + 16, off);
        assertEquals(4, size);
        assertEquals(63, rshift, "a 1-bit field");
        // the read: load size bytes at off (little-endian), << lshift, >> rshift leaves bit 1 of the container
        assertEquals(1, (0b10L << lshift) >>> rshift);
        assertEquals(0, (0b01L << lshift) >>> rshift, "the neighbouring bit, sched_migrated, is not read");
    }

    @Test
    void whatTheTargetLacksIsZeroOrPoisoned() throws Exception {
        List<CoreResolution> all = resolveAll(target("core_target.o"));
        CoreResolution missing = at(all, CoreRelocationKind.FIELD_BYTE_OFFSET, "bpfsh_no_such_field");
        assertTrue(missing.poisoned());
        assertNull(missing.target());
        assertEquals(0, at(all, CoreRelocationKind.FIELD_EXISTS, "bpfsh_no_such_field").value());
        assertEquals(1, at(all, CoreRelocationKind.FIELD_EXISTS, "bpfsh_no_such_field").expected());
        CoreResolution noType = at(all, CoreRelocationKind.TYPE_EXISTS, "bpfsh_no_such_type");
        assertEquals(0, noType.value());
        assertFalse(noType.poisoned());
    }

    @Test
    void candidatesThatDisagreeAreAnErrorNamingTheRelocation() throws Exception {
        CoreResolver r = new CoreResolver("core_task.o", local, target("core_ambiguous.o"));
        List<BtfCoreRelo> relos = ext.coreRelos("socket");
        CoreResolution pid = r.resolve("socket", 0, relos.get(0)); // both candidates have pid at 0: they agree
        assertEquals(0, pid.value());
        CoreException e = assertThrows(CoreException.class, () -> r.resolve("socket", 1, relos.get(1)));
        assertEquals("core_task.o: section socket: CO-RE relocation #1 at instruction 25 (byte_off struct "
                + "task_struct, access 0:4): field offset ambiguity: vmlinux [1] struct task_struct.tgid (0:1 @ "
                + "offset 4) and vmlinux [4] struct task_struct___other.tgid (0:2 @ offset 8) both match",
                e.getMessage());
    }

    @Test
    void malformedRelocationsAreErrors() throws Exception {
        CoreResolver r = new CoreResolver("core_task.o", local, target("core_target.o"));
        BtfCoreRelo first = ext.coreRelos("socket").get(0);
        for (String access : List.of("", "0:", "0:x", "0:-1", "0:99", "1:5:3")) {
            BtfCoreRelo bad = new BtfCoreRelo(first.insnOffset(), first.typeId(), access, first.kind());
            CoreException e = assertThrows(CoreException.class, () -> r.resolve("socket", 0, bad), access);
            assertTrue(e.getMessage().startsWith("core_task.o: section socket: CO-RE relocation #0 at instruction 13 "
                    + "(byte_off struct task_struct, access " + access + "): "), e.getMessage());
        }
        BtfCoreRelo unknownKind = new BtfCoreRelo(first.insnOffset(), first.typeId(), "0:5", 13);
        assertTrue(assertThrows(CoreException.class, () -> r.resolve("socket", 0, unknownKind)).getMessage()
                .contains("has kind 13, which bpfsh does not know"));
        BtfCoreRelo typeWithField = new BtfCoreRelo(first.insnOffset(), first.typeId(), "0:5",
                CoreRelocationKind.TYPE_SIZE.code());
        assertThrows(CoreException.class, () -> r.resolve("socket", 0, typeWithField));
    }

    /** type_matches (kind 12; clang 14 cannot emit it, so the record is made here from one it did emit). */
    @Test
    void typeMatchesIsStricterThanCompatibility() throws Exception {
        CoreResolver r = new CoreResolver("core_task.o", local, target("core_target.o"));
        BtfCoreRelo size = ext.coreRelos("socket").stream()
                .filter(x -> x.kind() == CoreRelocationKind.TYPE_SIZE.code()).findFirst().orElseThrow();
        int pidType = local.findByName("pid_type", io.bpfsh.engine.btf.BtfKind.ENUM).orElseThrow().id();
        // every local enumerator has a namesake in the target's enum of the same size: a match
        BtfCoreRelo enumMatch = new BtfCoreRelo(size.insnOffset(), pidType, "0", CoreRelocationKind.TYPE_MATCHES.code());
        assertEquals(1, r.resolve("socket", 0, enumMatch).value());
        // the local task_struct has a top-level tgid; the target's is inside an anonymous struct: no match
        BtfCoreRelo structMatch = new BtfCoreRelo(size.insnOffset(), size.typeId(), "0",
                CoreRelocationKind.TYPE_MATCHES.code());
        assertEquals(0, r.resolve("socket", 1, structMatch).value());
        // while plain type existence only needs the same kind and name
        assertEquals(1, r.resolve("socket", 2, new BtfCoreRelo(size.insnOffset(), size.typeId(), "0",
                CoreRelocationKind.TYPE_EXISTS.code())).value());
    }

    @Test
    void flavorSuffixesAreCutAtTheLastTripleUnderscore() {
        assertEquals("task_struct", CoreCompatibility.essentialName("task_struct___v2"));
        assertEquals("task_struct___a", CoreCompatibility.essentialName("task_struct___a___b"));
        assertEquals("a____b", CoreCompatibility.essentialName("a____b"), "four underscores are no separator");
        assertEquals("___x", CoreCompatibility.essentialName("___x"));
        assertEquals("x___", CoreCompatibility.essentialName("x___"));
    }
}
