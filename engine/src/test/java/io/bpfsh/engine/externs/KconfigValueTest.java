package io.bpfsh.engine.externs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.elf.ElfFile;
import io.bpfsh.engine.testing.Samples;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Config values stored by the extern's own type, with the types clang gave samples/modern_kconfig.c's externs. */
class KconfigValueTest {
    private static Btf btf;

    @BeforeAll
    static void load() throws Exception {
        ElfFile elf = ElfFile.read(Samples.object("modern_kconfig.o"));
        ByteBuffer b = elf.section(".BTF").orElseThrow().data();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        btf = Btf.parse("modern_kconfig.o", bytes);
    }

    private static KconfigValue extern(String name) throws ExternException {
        BtfType.Var v = (BtfType.Var) btf.findByName(name, BtfKind.VAR).orElseThrow();
        return KconfigValue.of(btf, name, v.type());
    }

    @Test
    void eachTypeTakesWhatLibbpfLetsItTake() throws Exception {
        assertArrayEquals(new byte[] {1}, extern("CONFIG_BPF_SYSCALL").encode("y"));
        assertArrayEquals(new byte[] {0}, extern("CONFIG_BPF_SYSCALL").encode("n"));
        assertArrayEquals(new byte[] {1, 0, 0, 0}, extern("CONFIG_NET_CLS_BPF").encode("y"));
        assertArrayEquals(new byte[] {2, 0, 0, 0}, extern("CONFIG_NET_CLS_BPF").encode("m"));
        assertArrayEquals(new byte[] {(byte) 0xe8, 3, 0, 0}, extern("CONFIG_HZ").encode("1000"));
        assertArrayEquals(new byte[] {0x10, 0, 0, 0}, extern("CONFIG_HZ").encode("0x10"));
        assertArrayEquals(new byte[] {8, 0, 0, 0}, extern("CONFIG_HZ").encode("010"));
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, extern("CONFIG_HZ").encode("-1"));
        byte[] text = extern("CONFIG_CC_VERSION_TEXT").encode("\"gcc (GCC) 15.3.0\"");
        assertEquals(32, text.length);
        assertEquals("gcc (GCC) 15.3.0", new String(text, 0, 16));
        assertEquals(0, text[16]);
        assertEquals(KconfigValue.Kind.INT, extern("LINUX_KERNEL_VERSION").kind());
        assertArrayEquals(new byte[] {44, 18, 6, 0}, extern("LINUX_KERNEL_VERSION").number((6 << 16) + (18 << 8) + 44));
    }

    @Test
    void valuesTheTypeCannotHoldAreOneLineErrors() throws Exception {
        ExternException e = assertThrows(ExternException.class, () -> extern("CONFIG_BPF_SYSCALL").encode("m"));
        assertEquals("extern (kconfig) 'CONFIG_BPF_SYSCALL': value 'm' is a module, not a boolean", e.getMessage());
        assertThrows(ExternException.class, () -> extern("CONFIG_HZ").encode("y"));
        assertThrows(ExternException.class, () -> extern("CONFIG_HZ").encode("\"text\""));
        assertThrows(ExternException.class, () -> extern("CONFIG_HZ").encode("12abc"));
        assertTrue(assertThrows(ExternException.class, () -> extern("CONFIG_HZ").encode("4294967296")).getMessage()
                .contains("does not fit in 4 bytes"));
        assertThrows(ExternException.class, () -> extern("CONFIG_CC_VERSION_TEXT").encode("5"));
        assertThrows(ExternException.class, () -> extern("CONFIG_BPF_SYSCALL").encode("2"));
    }

    @Test
    void theMapValueHoldsEachExternAtLibbpfsOffset() throws Exception {
        ElfFile elf = ElfFile.read(Samples.object("modern_kconfig.o"));
        ObjectExterns externs = ObjectExterns.read(elf, btf, "modern_kconfig.o");
        KernelConfig config = KernelConfig.parse("cfg", "CONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=m\n"
                + "CONFIG_CC_VERSION_TEXT=\"gcc 15\"\n");
        byte[] data = KconfigData.build("modern_kconfig.o", externs, 0x06122c, () -> config);
        ByteBuffer b = ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(49, data.length);
        assertEquals(0, b.getInt(0), "CONFIG_BPFSH_NO_SUCH_OPTION: weak and unset");
        assertEquals(250, b.getInt(4));
        assertEquals(2, b.getInt(8), "m");
        assertEquals(0x06122c, b.getInt(12));
        assertEquals(1, data[16]);
        assertEquals("gcc 15", new String(data, 17, 6));
        KernelConfig without = KernelConfig.parse("cfg", "CONFIG_HZ=250\n");
        ExternException e = assertThrows(ExternException.class,
                () -> KconfigData.build("modern_kconfig.o", externs, 0, () -> without));
        assertTrue(e.getMessage().startsWith("modern_kconfig.o: extern (kconfig) '"), e.getMessage());
        assertTrue(e.getMessage().contains("is not set in cfg"), e.getMessage());
    }

    @Test
    void configLinesAreReadAsWritten() throws Exception {
        KernelConfig c = KernelConfig.parse("config", "#\n# CONFIG_X is not set\nCONFIG_HZ=250\nCONFIG_S=\"a b\"\n"
                + "CONFIG_BPF=y\n\n");
        assertEquals(Optional.of("250"), c.value("CONFIG_HZ"));
        assertEquals(Optional.of("\"a b\""), c.value("CONFIG_S"));
        assertEquals(Optional.of("y"), c.value("CONFIG_BPF"));
        assertEquals(Optional.empty(), c.value("CONFIG_X"));
        ExternException e = assertThrows(ExternException.class, () -> KernelConfig.parse("cfg", "CONFIG_A=1\nCONFIG_B"));
        assertEquals("cfg:2: 'CONFIG_B' has no '=' separator", e.getMessage());
        assertThrows(ExternException.class, () -> KernelConfig.parse("cfg", "CONFIG_B="));
    }
}
