package io.bpfsh.engine.attach;

import static io.bpfsh.engine.attach.AttachKernelTest.awaitCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.LinkType;
import io.bpfsh.engine.testing.Bpftool;
import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.NetNamespace;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cgroup links: a cgroup_skb/egress counter on a cgroup of the test's own counts the datagrams a
 * process in that cgroup sends over loopback.
 */
@KernelTest
class CgroupKernelTest {
    private static final Path CGROUP2 = Path.of("/sys/fs/cgroup/unified").toFile().isDirectory()
            ? Path.of("/sys/fs/cgroup/unified") : Path.of("/sys/fs/cgroup");
    private TestBpffs fs;
    private Path cgroup;

    @BeforeEach
    void setUp() throws Exception {
        fs = new TestBpffs("CgroupKernelTest");
        cgroup = CGROUP2.resolve("bpfsh-test-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(cgroup);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            Files.delete(cgroup); // empty again: the sending process has exited
        } finally {
            fs.close();
        }
    }

    @Test
    void egressCounterCountsWhatTheCgroupsProcessSends() throws Exception {
        try (Module m = Module.open(Samples.object("cgroup_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram p = m.program("cgroup_skb/egress").orElseThrow();
            Attachment a = Attacher.attach(p.program(), p.spec().convention().orElseThrow(),
                    AttachTarget.none().withCgroup(cgroup.toString()));
            try (BpfLink link = a.link()) {
                assertEquals(LinkType.CGROUP.number(), link.info().type());
                assertEquals(1, link.info().attachType(), "BPF_CGROUP_INET_EGRESS");
                assertEquals(Files.getAttribute(cgroup, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                        link.info().cgroupId(), "the cgroup id is its directory's inode");
                assertEquals(cgroup + " cgroup_inet_egress", a.where());
                String bpftool = Bpftool.run("-j", "link", "show", "id", Integer.toString(link.id()));
                assertEquals(p.program().id(), Bpftool.number(bpftool, "prog_id"));
                NetNamespace.run("bash", "-c", "echo $$ > " + cgroup + "/cgroup.procs && for i in 1 2 3 4; do"
                        + " echo x > /dev/udp/127.0.0.1/9; done");
                assertEquals(4, awaitCount(m.map("egress").orElseThrow().map(), 0, 0, 4));
            }
        }
    }

    @Test
    void aSymlinkedOrMissingCgroupIsRefused() throws Exception {
        try (Module m = Module.open(Samples.object("cgroup_counter.o"), fs.bpffs())) {
            m.load(Map.of());
            LoadedProgram p = m.program("cgroup_skb/egress").orElseThrow();
            Path tmpLink = Files.createTempDirectory("bpfsh-cg").resolve("cg");
            Files.createSymbolicLink(tmpLink, cgroup);
            try {
                EngineException e = assertThrows(EngineException.class, () -> Attacher.attach(p.program(),
                        p.spec().convention().orElseThrow(), AttachTarget.none().withCgroup(tmpLink.toString())));
                assertTrue(e.getMessage().contains("cannot open " + tmpLink), e.getMessage());
            } finally {
                Files.delete(tmpLink);
                Files.delete(tmpLink.getParent());
            }
        }
    }
}
