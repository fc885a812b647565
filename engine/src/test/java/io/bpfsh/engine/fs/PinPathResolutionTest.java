package io.bpfsh.engine.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pin-path validation is pure: it runs before any syscall, so it needs no kernel. */
class PinPathResolutionTest {
    private final Bpffs fs = new Bpffs(Path.of("/sys/fs/bpf/root"));

    @ParameterizedTest
    @CsvSource({
        "ns1/test1, /sys/fs/bpf/root/ns1/test1, ns1/test1",
        "./ns1//test1/, /sys/fs/bpf/root/ns1/test1, ns1/test1",
        "/sys/fs/bpf/root/a/b, /sys/fs/bpf/root/a/b, a/b",
        "/sys/fs/bpf/root//a/./b, /sys/fs/bpf/root/a/b, a/b",
    })
    void resolves(String input, String absolute, String relative) throws Exception {
        PinPath p = fs.resolve(input);
        assertEquals(Path.of(absolute), p.path());
        assertEquals(relative, p.relative());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/tmp/x | pin path /tmp/x is outside the bpffs root /sys/fs/bpf/root",
        "/sys/fs/bpf/other | pin path /sys/fs/bpf/other is outside the bpffs root /sys/fs/bpf/root",
        "/sys/fs/bpf/root/../root/x | pin path /sys/fs/bpf/root/../root/x is outside the bpffs root /sys/fs/bpf/root",
        "a/../../x | pin path a/../../x is outside the bpffs root /sys/fs/bpf/root ('..' is not allowed)",
        "a/.. | pin path a/.. is outside the bpffs root /sys/fs/bpf/root ('..' is not allowed)",
        "ns1/map.rodata | pin path ns1/map.rodata: name 'map.rodata' contains a '.', which bpffs refuses",
        "/sys/fs/bpf/root | pin path /sys/fs/bpf/root is the bpffs root itself; give a name below it",
        ". | pin path . is the bpffs root itself; give a name below it",
    })
    void refuses(String input, String message) {
        PinPathException e = assertThrows(PinPathException.class, () -> fs.resolve(input));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertEquals("empty pin path", assertThrows(PinPathException.class, () -> fs.resolve(" ")).getMessage());
        String longName = "x".repeat(256);
        assertThrows(PinPathException.class, () -> fs.resolve(longName));
    }

    @Test
    void directoriesMayBeTheRoot() throws Exception {
        assertEquals(Path.of("/sys/fs/bpf/root"), fs.resolveDirectory(""));
        assertEquals(Path.of("/sys/fs/bpf/root"), fs.resolveDirectory("/sys/fs/bpf/root/"));
        assertEquals(Path.of("/sys/fs/bpf/root/a"), fs.resolveDirectory("a"));
    }
}
