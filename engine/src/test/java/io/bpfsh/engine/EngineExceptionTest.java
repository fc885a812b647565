package io.bpfsh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.bpfsh.engine.sys.BpfCommand;
import io.bpfsh.engine.sys.MissingPrivilegeException;
import io.bpfsh.engine.sys.ProgramLoadException;
import org.junit.jupiter.api.Test;

class EngineExceptionTest {
    @Test
    void contextPrefixesTheMessageAndKeepsTheExceptionAndItsClass() {
        ProgramLoadException e = new ProgramLoadException(13, "socket/x", "0: (95) exit\nR0 !read_ok\n");
        String before = e.getMessage();
        EngineException same = e.withContext("x.o");
        assertSame(e, same);
        assertEquals("x.o: " + before, same.getMessage());
        assertEquals("0: (95) exit\nR0 !read_ok\n", ((ProgramLoadException) same).verifierLog());
    }

    @Test
    void outerContextComesFirst() {
        EngineException e = new EngineException("is a directory").withContext("map m").withContext("x.o");
        assertEquals("x.o: map m: is a directory", e.getMessage());
    }

    @Test
    void missingPrivilegeIsABpfExceptionWithItsUsualMessage() {
        MissingPrivilegeException e = new MissingPrivilegeException(BpfCommand.MAP_CREATE, "array",
                "root or CAP_BPF is needed");
        assertEquals("create map array: operation not permitted (EPERM): root or CAP_BPF is needed", e.getMessage());
        assertEquals(1, e.errno());
    }
}
