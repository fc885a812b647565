package io.bpfsh.engine.load;

/** One thing a load did, for the caller to print: "pinned map dummy at /sys/fs/bpf/ns1/test1". */
public record LoadEvent(Kind kind, String subject, String path, String detail) {
    public enum Kind {
        CREATED, REUSED, PINNED, REPLACED, MIGRATED, LOADED, SKIPPED, NOTE
    }

    /** A program the load did not load, and why ("not loaded unless asked ..."). */
    static LoadEvent skipped(String section, String reason) {
        return new LoadEvent(Kind.SKIPPED, "program " + section, null, reason);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case CREATED -> sb.append("created ").append(subject);
            case REUSED -> sb.append("reused ").append(subject).append(" pinned at ").append(path);
            case PINNED -> sb.append("pinned ").append(subject).append(" at ").append(path);
            case REPLACED -> sb.append("replaced the pin of ").append(subject).append(" at ").append(path);
            case MIGRATED -> sb.append("migrated ").append(subject).append(" pinned at ").append(path);
            case LOADED -> sb.append("loaded ").append(subject);
            case SKIPPED -> sb.append("skipped ").append(subject);
            case NOTE -> sb.append(subject);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(kind == Kind.SKIPPED ? ": " : " (").append(detail).append(kind == Kind.SKIPPED ? "" : ")");
        }
        return sb.toString();
    }
}
