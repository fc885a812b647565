package io.bpfsh.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.sys.AttachType;
import io.bpfsh.engine.sys.ProgType;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** libbpf's SEC() names and the gobpf/iproute2 names: type, expected attach type, flags and target. */
class SectionTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        // section,                             type,             expected attach,        target
        "xdp,                                   XDP,              XDP,                    ''",
        "xdp.frags,                             XDP,              XDP,                    ''",
        "xdp/devmap,                            XDP,              XDP_DEVMAP,             ''",
        "xdp.frags/cpumap,                      XDP,              XDP_CPUMAP,             ''",
        "xdp/count,                             XDP,              XDP,                    count",
        "tc,                                    SCHED_CLS,        -,                      ''",
        "tc/ingress,                            SCHED_CLS,        TCX_INGRESS,            ''",
        "tcx/egress,                            SCHED_CLS,        TCX_EGRESS,             ''",
        "classifier,                            SCHED_CLS,        -,                      ''",
        "classifier/ingress_drop,               SCHED_CLS,        -,                      ingress_drop",
        "action,                                SCHED_ACT,        -,                      ''",
        "tracepoint/syscalls/sys_enter_getppid, TRACEPOINT,       -,                      syscalls/sys_enter_getppid",
        "tp/sched/sched_switch,                 TRACEPOINT,       -,                      sched/sched_switch",
        "raw_tp/sys_enter,                      RAW_TRACEPOINT,   -,                      sys_enter",
        "raw_tracepoint/sys_exit,               RAW_TRACEPOINT,   -,                      sys_exit",
        "raw_tp.w/sys_exit,                     RAW_TRACEPOINT_WRITABLE, -,               sys_exit",
        "tp_btf/sched_switch,                   TRACING,          TRACE_RAW_TP,           sched_switch",
        "kprobe/do_unlinkat,                    KPROBE,           -,                      do_unlinkat",
        "kretprobe/do_unlinkat,                 KPROBE,           -,                      do_unlinkat",
        "uprobe//bin/bash:readline,             KPROBE,           -,                      /bin/bash:readline",
        "uprobe,                                KPROBE,           -,                      ''",
        "uretprobe,                             KPROBE,           -,                      ''",
        "usdt/libc.so.6:libc:setjmp,            KPROBE,           -,                      libc.so.6:libc:setjmp",
        "fentry/do_sys_open,                    TRACING,          TRACE_FENTRY,           do_sys_open",
        "fexit/do_sys_open,                     TRACING,          TRACE_FEXIT,            do_sys_open",
        "fmod_ret/security_file_open,           TRACING,          MODIFY_RETURN,          security_file_open",
        "lsm/file_open,                         LSM,              LSM_MAC,                file_open",
        "iter/task,                             TRACING,          TRACE_ITER,             task",
        "freplace/handler,                      EXT,              -,                      handler",
        "struct_ops/dctcp_init,                 STRUCT_OPS,       -,                      dctcp_init",
        "cgroup_skb/ingress,                    CGROUP_SKB,       CGROUP_INET_INGRESS,    ''",
        "cgroup_skb/egress,                     CGROUP_SKB,       CGROUP_INET_EGRESS,     ''",
        "cgroup/skb,                            CGROUP_SKB,       -,                      ''",
        "cgroup/sock,                           CGROUP_SOCK,      CGROUP_INET_SOCK_CREATE, ''",
        "cgroup/sock_release,                   CGROUP_SOCK,      CGROUP_INET_SOCK_RELEASE, ''",
        "cgroup/connect4,                       CGROUP_SOCK_ADDR, CGROUP_INET4_CONNECT,   ''",
        "cgroup/sendmsg_unix,                   CGROUP_SOCK_ADDR, CGROUP_UNIX_SENDMSG,    ''",
        "cgroup/getsockopt,                     CGROUP_SOCKOPT,   CGROUP_GETSOCKOPT,      ''",
        "cgroup/dev,                            CGROUP_DEVICE,    CGROUP_DEVICE,          ''",
        "sockops,                               SOCK_OPS,         CGROUP_SOCK_OPS,        ''",
        "sk_skb/stream_verdict,                 SK_SKB,           SK_SKB_STREAM_VERDICT,  ''",
        "sk_msg,                                SK_MSG,           SK_MSG_VERDICT,         ''",
        "sk_lookup,                             SK_LOOKUP,        SK_LOOKUP,              ''",
        "sk_reuseport/migrate,                  SK_REUSEPORT,     SK_REUSEPORT_SELECT_OR_MIGRATE, ''",
        "netfilter,                             NETFILTER,        NETFILTER,              ''",
        "syscall,                               SYSCALL,          -,                      ''",
        "socket,                                SOCKET_FILTER,    -,                      ''",
        "socket/dummy,                          SOCKET_FILTER,    -,                      /dummy",
        "socket1,                               SOCKET_FILTER,    -,                      1",
        "perf_event,                            PERF_EVENT,       -,                      ''",
        "kprobe.multi/do_*,                     KPROBE,           TRACE_KPROBE_MULTI,     do_*",
        "uprobe.multi//bin/true:main,           KPROBE,           TRACE_UPROBE_MULTI,     /bin/true:main",
    })
    void conventions(String section, ProgType type, AttachType attach, String target) {
        ProgramSection s = ProgramSections.lookup(section).orElseThrow(() -> new AssertionError(section));
        assertEquals(type, s.type(), section);
        assertEquals(attach, s.attachType(), section);
        assertEquals(target, s.target(), section);
        assertFalse(s.optional());
    }

    @Test
    void unknownNamesMatchNothing() {
        for (String n : new String[] {"mystery", "xdpx", "tcx", "tracepointx/a", "fentryfoo", ".text", "42/0", ""}) {
            assertEquals(Optional.empty(), ProgramSections.lookup(n), n);
        }
    }

    @Test
    void sleepableAndFragsBecomeProgramFlags() {
        assertEquals(ProgramSection.BPF_F_SLEEPABLE, ProgramSections.lookup("fentry.s/do_sys_open").orElseThrow()
                .programFlags());
        assertEquals(ProgramSection.BPF_F_SLEEPABLE, ProgramSections.lookup("uprobe.s//bin/true:main").orElseThrow()
                .programFlags());
        assertEquals(ProgramSection.BPF_F_SLEEPABLE, ProgramSections.lookup("lsm.s/bprm_check_security").orElseThrow()
                .programFlags());
        assertEquals(ProgramSection.BPF_F_SLEEPABLE, ProgramSections.lookup("syscall").orElseThrow().programFlags());
        assertEquals(ProgramSection.BPF_F_XDP_HAS_FRAGS, ProgramSections.lookup("xdp.frags").orElseThrow().programFlags());
        assertEquals(0, ProgramSections.lookup("xdp").orElseThrow().programFlags());
        assertEquals(0, ProgramSections.lookup("fentry/do_sys_open").orElseThrow().programFlags());
    }

    @Test
    void questionMarkMeansOptionalAndIsNotPartOfTheName() {
        ProgramSection s = ProgramSections.lookup("?tp/syscalls/sys_enter_getppid").orElseThrow();
        assertTrue(s.optional());
        assertEquals(ProgType.TRACEPOINT, s.type());
        assertEquals("syscalls/sys_enter_getppid", s.target());
        assertEquals("?tp/syscalls/sys_enter_getppid", s.section());
    }

    @Test
    void btfTargetsAreNamedAsLibbpfLooksThemUp() {
        assertBtf("tp_btf/sched_switch", "btf_trace_sched_switch", BtfKind.TYPEDEF);
        assertBtf("lsm/file_open", "bpf_lsm_file_open", BtfKind.FUNC);
        assertBtf("lsm_cgroup/socket_bind", "bpf_lsm_socket_bind", BtfKind.FUNC);
        assertBtf("iter/task", "bpf_iter_task", BtfKind.FUNC);
        assertBtf("fentry/do_sys_open", "do_sys_open", BtfKind.FUNC);
        assertBtf("fmod_ret.s/security_file_open", "security_file_open", BtfKind.FUNC);
        assertFalse(ProgramSections.lookup("freplace/x").orElseThrow().needsAttachBtfId(),
                "freplace's target is in another program's BTF, not the kernel's");
        assertFalse(ProgramSections.lookup("kprobe/x").orElseThrow().needsAttachBtfId());
    }

    private static void assertBtf(String section, String name, BtfKind kind) {
        ProgramSection s = ProgramSections.lookup(section).orElseThrow();
        assertTrue(s.needsAttachBtfId(), section);
        assertEquals(name, s.btfTargetName(), section);
        assertEquals(kind, s.btfTargetKind(), section);
    }

    @Test
    void theNumbersAreTheUapiOnes() {
        assertEquals(37, AttachType.XDP.number());
        assertEquals(46, AttachType.TCX_INGRESS.number());
        assertEquals(41, AttachType.PERF_EVENT.number());
        assertEquals(57, AttachType.TRACE_UPROBE_SESSION.number());
        assertEquals(24, ProgramSections.lookup("fentry/f").orElseThrow().expectedAttachType());
        assertEquals(0, ProgramSections.lookup("tc").orElseThrow().expectedAttachType());
    }
}
