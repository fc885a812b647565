package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** The BTF commands of bpf(2), one small typed method each, as libbpf's {@code bpf.c} has them. */
final class BtfCommands {
    private BtfCommands() {
    }

    /** BPF_BTF_LOAD without a log; returns the BTF object's FD. */
    static int load(Pointer btf, int size, String subject) throws BpfException {
        try (Attr attr = new Attr(32)) {
            attr.ptr(0, btf)              // btf
                .u32(16, size);           // btf_size
            attr.show("btf_size", size);
            return (int) PrivilegedCall.run(BpfCommand.BTF_LOAD, attr, subject);
        }
    }

    /** BPF_BTF_LOAD with a level-1 log into {@code log}; the FD, or minus errno. */
    static long loadWithLog(Pointer btf, int size, Memory log) {
        try (Attr attr = new Attr(32)) {
            attr.ptr(0, btf)              // btf
                .ptr(8, log)              // btf_log_buf
                .u32(16, size)            // btf_size
                .u32(20, (int) log.size()) // btf_log_size
                .u32(24, 1);              // btf_log_level
            attr.show("btf_size", size).show("btf_log_level", 1);
            return BpfSyscall.callRaw(BpfCommand.BTF_LOAD, attr);
        }
    }
}
