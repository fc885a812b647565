package io.bpfsh.engine.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The program commands of bpf(2), one small typed method each, as libbpf's {@code bpf.c} has them.
 * A new program command (attach, query, ...) is one more method here.
 */
final class ProgCommands {
    /** libbpf and cilium retry a PROG_LOAD that fails with EAGAIN (the verifier was interrupted); so do we. */
    private static final int LOAD_ATTEMPTS = 5;

    private ProgCommands() {
    }

    /**
     * BPF_PROG_LOAD; returns the program's FD. {@code log} may be null (no verifier log asked for);
     * {@code logLevel} applies when it is not.
     */
    static int load(ProgramLoadAttributes a, Pointer insns, Pointer license, Memory log, int logLevel, Pointer funcInfo,
                    Pointer lineInfo, String subject) throws BpfException {
        try (Attr attr = new Attr(144)) {
            attr.u32(0, a.type().number())           // prog_type
                .u32(4, a.instructions().length / 8) // insn_cnt
                .ptr(8, insns)                       // insns
                .ptr(16, license)                    // license
                .u32(24, log == null ? 0 : logLevel) // log_level
                .u32(28, log == null ? 0 : (int) log.size()) // log_size
                .ptr(32, log)                        // log_buf
                .u32(40, a.kernelVersion())          // kern_version
                .u32(44, a.programFlags())           // prog_flags
                .name(48, KernelName.SIZE, KernelName.of(a.name())) // prog_name[16]
                .u32(68, a.expectedAttachType())     // expected_attach_type
                .u32(72, a.btfFd())                  // prog_btf_fd
                .u32(76, funcInfo == null ? 0 : ProgramLoadAttributes.FUNC_INFO_SIZE) // func_info_rec_size
                .ptr(80, funcInfo)                   // func_info
                .u32(88, a.funcInfo().length / ProgramLoadAttributes.FUNC_INFO_SIZE) // func_info_cnt
                .u32(92, lineInfo == null ? 0 : ProgramLoadAttributes.LINE_INFO_SIZE) // line_info_rec_size
                .ptr(96, lineInfo)                   // line_info
                .u32(104, a.lineInfo().length / ProgramLoadAttributes.LINE_INFO_SIZE) // line_info_cnt
                .u32(108, a.attachBtfId());          // attach_btf_id
            if (attr.tracing()) {
                attr.show("prog_type", a.type()).show("insn_cnt", a.instructions().length / 8)
                    .showText("license", license).show("log_level", log == null ? 0 : 1)
                    .show("prog_name", KernelName.of(a.name()));
                if (a.expectedAttachType() != 0) {
                    attr.show("expected_attach_type", a.expectedAttachType());
                }
                if (a.btfFd() > 0) {
                    attr.show("prog_btf_fd", a.btfFd());
                }
                if (a.attachBtfId() != 0) {
                    attr.show("attach_btf_id", a.attachBtfId());
                }
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return (int) PrivilegedCall.run(BpfCommand.PROG_LOAD, attr, subject);
                } catch (BpfException e) {
                    if (!e.is(Errno.EAGAIN) || attempt == LOAD_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /** What BPF_PROG_TEST_RUN wrote back: its result (minus errno when refused) and the out fields. */
    record TestRunReply(long result, int retval, int dataSizeOut, int ctxSizeOut, long durationNanos) {
    }

    /**
     * BPF_PROG_TEST_RUN. Returns the reply even when the kernel refused (the caller reads ENOSPC as a
     * packet cut to its buffer: the kernel reports the run all the same). Null buffers are not passed.
     */
    static TestRunReply testRun(int progFd, TestRunInput in, Pointer dataIn, Memory dataOut, Pointer ctxIn,
                                Memory ctxOut) {
        try (Attr attr = new Attr(80)) {
            attr.u32(0, progFd)                                   // prog_fd
                .u32(8, in.data().length)                         // data_size_in
                .u32(12, dataOut == null ? 0 : dataOut.size())    // data_size_out
                .ptr(16, dataIn)                                  // data_in
                .ptr(24, dataOut)                                 // data_out
                .u32(32, in.repeat() > 1 ? in.repeat() : 0)       // repeat (0 = once; raw_tp takes only 0)
                .u32(40, in.ctx().length)                         // ctx_size_in
                .u32(44, ctxOut == null ? 0 : ctxOut.size())      // ctx_size_out
                .ptr(48, ctxIn)                                   // ctx_in
                .ptr(56, ctxOut)                                  // ctx_out
                .u32(64, in.flagBits())                           // flags
                .u32(68, in.cpu());                               // cpu
            if (attr.tracing()) {
                attr.show("prog_fd", progFd).show("data_size_in", in.data().length).show("repeat", in.repeat())
                    .show("ctx_size_in", in.ctx().length).show("flags", in.flagBits()).show("cpu", in.cpu());
            }
            long r = BpfSyscall.callRaw(BpfCommand.PROG_TEST_RUN, attr);
            return new TestRunReply(r, attr.u32(4), attr.u32(12), attr.u32(44), // retval, data/ctx_size_out
                    Integer.toUnsignedLong(attr.u32(36)));                        // duration
        }
    }
}
