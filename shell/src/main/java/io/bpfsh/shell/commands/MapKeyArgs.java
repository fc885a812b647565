package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.shell.data.LiteralArg;
import picocli.CommandLine.Parameters;

/** The REF KEY that lookup, update and delete begin with: a map and one key literal (a picocli mixin). */
final class MapKeyArgs {
    @Completes(ArgKind.MAP_REF)
    @Parameters(index = "0", paramLabel = "REF", description = "The map: MODULE:NAME, @NAME, id:N or a pin path.")
    String ref;

    @Completes(ArgKind.TEXT)
    @Parameters(index = "1", paramLabel = "KEY", parameterConsumer = LiteralConsumer.class,
            description = "The key literal.")
    LiteralArg key;
}
