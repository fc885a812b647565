package io.bpfsh.shell;

import io.bpfsh.engine.Version;
import io.bpfsh.engine.fs.Bpffs;

/** Entry point of ./bpfsh. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Bpffs fs = Bpffs.atDefaultRoot();
        System.out.println("bpfsh " + Version.get());
        System.out.println("bpffs at " + fs.root() + ": " + (fs.isMounted() ? "mounted" : "not mounted"));
    }
}
