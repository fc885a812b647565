package io.bpfsh.engine.externs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelSymbolsTest {
    private static final String KALLSYMS = "ffffffff81000000 T _stext\n"
            + "ffffffff82000010 d counter.llvm.123456\n"
            + "ffffffff82000020 t helper\n"
            + "ffffffffc0001000 t helper_mod\t[some_module]\n"
            + "garbage line\n"
            + "ffffffff82000030 T twice\n"
            + "ffffffff82000030 T twice\n";

    @Test
    void onlyTheNamesAskedForAreKept() throws Exception {
        Map<String, Long> a = KernelSymbols.parse("kallsyms", KALLSYMS, Set.of("_stext", "counter", "helper_mod",
                "twice", "absent"));
        assertEquals(Map.of("_stext", 0xffffffff81000000L, "counter", 0xffffffff82000010L,
                "helper_mod", 0xffffffffc0001000L, "twice", 0xffffffff82000030L), a);
    }

    @Test
    void aNameAtTwoAddressesIsAmbiguous() {
        ExternException e = assertThrows(ExternException.class, () -> KernelSymbols.parse("kallsyms",
                KALLSYMS + "ffffffff82000040 T _stext\n", Set.of("_stext")));
        assertEquals("extern (ksym) '_stext' is ambiguous in kallsyms: 0xffffffff81000000 or 0xffffffff82000040",
                e.getMessage());
    }

    @Test
    void aTableThatHidesEveryAddressIsAnErrorNotZeros() {
        // what a reader without CAP_SYSLOG, or under kernel.kptr_restrict, sees
        ExternException e = assertThrows(ExternException.class, () -> KernelSymbols.parse("kallsyms",
                "0000000000000000 T _stext\n0000000000000000 D counter\n", Set.of("_stext", "counter")));
        assertEquals("extern (ksym) '_stext': kallsyms shows every address as 0 (kernel.kptr_restrict, or no "
                + "CAP_SYSLOG); run as root or lower kernel.kptr_restrict", e.getMessage());
    }

    @Test
    void theRunningKernelHasItsTextStart() throws Exception {
        // kallsyms shows zeros without CAP_SYSLOG or with kptr_restrict: only the presence is certain
        assertEquals(Set.of("_stext"), KernelSymbols.running(Set.of("_stext", "bpfsh_no_such_symbol")).keySet());
    }
}
