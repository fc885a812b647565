package io.bpfsh.engine.sys;

/** What BPF_PROG_TEST_RUN reports: the program's return value, output data and mean run time. */
public record TestRunResult(int returnValue, byte[] dataOut, long durationNanos) {
}
