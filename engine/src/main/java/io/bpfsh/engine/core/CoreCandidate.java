package io.bpfsh.engine.core;

/** A kernel type that may stand for a local one: same kind and same name without flavor. */
record CoreCandidate(CoreTargets.Target target, int typeId) {
}
