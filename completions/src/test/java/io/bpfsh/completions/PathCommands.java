package io.bpfsh.completions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Three commands with the argument kinds of the shell's ls, info and dump, for the tests here that
 * exercise path completion in a real LineReader; the shell's own commands are completed in the
 * shell's tests (this module cannot depend on the shell).
 */
@Command(name = "", subcommands = {PathCommands.Ls.class, PathCommands.Info.class, PathCommands.Dump.class})
final class PathCommands {
    static final CommandTable TABLE = CommandTable.of(new CommandLine(new PathCommands()));

    @Command(name = "ls")
    static final class Ls {
        @Completes(ArgKind.PIN_PATH)
        @Parameters(arity = "0..1", paramLabel = "PATH")
        String path;
    }

    @Command(name = "info")
    static final class Info {
        @Completes(ArgKind.REF)
        @Parameters(paramLabel = "REF")
        String ref;
    }

    @Command(name = "dump")
    static final class Dump {
        @Completes(ArgKind.MAP_REF)
        @Parameters(paramLabel = "REF")
        String ref;
    }
}
