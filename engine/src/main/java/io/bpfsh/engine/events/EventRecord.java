package io.bpfsh.engine.events;

/** What an {@link EventReader} delivers, in the order the kernel wrote it (per CPU for perf arrays). */
public sealed interface EventRecord {
    /** No CPU: ring buffers are shared by all CPUs and do not say which one wrote a record. */
    int ANY_CPU = -1;

    int cpu();

    /**
     * One record's bytes. From a perf event array they carry the kernel's padding (the raw size is
     * rounded so that the sample is 8-byte aligned): up to 7 bytes more than the program wrote.
     */
    record Sample(int cpu, byte[] data) implements EventRecord {
    }

    /** The kernel dropped {@code count} records on this CPU because the reader fell behind. */
    record Lost(int cpu, long count) implements EventRecord {
    }
}
