package io.bpfsh.engine.sys;

import java.util.EnumSet;
import java.util.Set;

/**
 * What BPF_PROG_TEST_RUN gives a program: packet data and/or a context (xdp_md, __sk_buff, raw
 * tracepoint arguments), how often to run it, flags and the CPU. Which parts a program type accepts
 * is the kernel's rule (net/bpf/test_run.c); parts left empty are not passed at all, so a type that
 * takes no data (raw tracepoints) is not refused for an empty buffer.
 *
 * @param data              packet bytes, empty for none
 * @param dataOutCapacity   bytes reserved for the packet after the run; the kernel reports the true size
 *                          and cuts the copy when the program grew the packet beyond it
 * @param ctx               context bytes, empty for none
 * @param ctxOutCapacity    bytes reserved for the context after the run, 0 for none
 * @param repeat            runs (the duration is their mean); 0 or 1 run once
 * @param cpu               the CPU for {@link TestRunFlag#RUN_ON_CPU}
 */
public record TestRunInput(byte[] data, int dataOutCapacity, byte[] ctx, int ctxOutCapacity, int repeat,
                           Set<TestRunFlag> flags, int cpu) {
    /** Room for a packet that XDP's adjust_head/adjust_tail or tc's change_tail made larger. */
    public static final int GROWTH_ROOM = 4096;

    public TestRunInput {
        data = data.clone();
        ctx = ctx.clone();
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (dataOutCapacity < 0 || ctxOutCapacity < 0 || repeat < 0 || cpu < 0) {
            throw new IllegalArgumentException("negative size, repeat or cpu");
        }
    }

    /** Runs once on a packet, with room for it to grow. */
    public static TestRunInput ofData(byte[] data) {
        return new TestRunInput(data, data.length == 0 ? 0 : data.length + GROWTH_ROOM, new byte[0], 0, 0,
                Set.of(), 0);
    }

    /**
     * Runs once on a context alone (raw tracepoints, syscall programs, sk_lookup). Nothing is read back:
     * raw tracepoints refuse a ctx_out; {@link #withCtxOutCapacity} asks for it where a type allows.
     */
    public static TestRunInput ofCtx(byte[] ctx) {
        return new TestRunInput(new byte[0], 0, ctx, 0, 0, Set.of(), 0);
    }

    /** The same input with a context beside the packet, read back after the run in a buffer of its size. */
    public TestRunInput withCtx(byte[] newCtx) {
        return new TestRunInput(data, dataOutCapacity, newCtx, newCtx.length, repeat, flags, cpu);
    }

    public TestRunInput withRepeat(int n) {
        return new TestRunInput(data, dataOutCapacity, ctx, ctxOutCapacity, n, flags, cpu);
    }

    public TestRunInput withDataOutCapacity(int n) {
        return new TestRunInput(data, n, ctx, ctxOutCapacity, repeat, flags, cpu);
    }

    public TestRunInput withCtxOutCapacity(int n) {
        return new TestRunInput(data, dataOutCapacity, ctx, n, repeat, flags, cpu);
    }

    public TestRunInput withFlag(TestRunFlag flag) {
        EnumSet<TestRunFlag> f = flags.isEmpty() ? EnumSet.noneOf(TestRunFlag.class) : EnumSet.copyOf(flags);
        f.add(flag);
        return new TestRunInput(data, dataOutCapacity, ctx, ctxOutCapacity, repeat, f, cpu);
    }

    /** Runs on the given CPU (sets {@link TestRunFlag#RUN_ON_CPU}). */
    public TestRunInput onCpu(int n) {
        TestRunInput withFlag = withFlag(TestRunFlag.RUN_ON_CPU);
        return new TestRunInput(data, dataOutCapacity, ctx, ctxOutCapacity, repeat, withFlag.flags, n);
    }

    /** The flags word of the attr. */
    public int flagBits() {
        int bits = 0;
        for (TestRunFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public byte[] ctx() {
        return ctx.clone();
    }
}
