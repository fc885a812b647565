package io.bpfsh.dist;

import io.bpfsh.shell.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build time: writes the release's man page (as AsciiDoc, which asciidoctor turns into troff) and bash
 * completion script from the picocli model of bpfsh's own command line, the one Main runs, so that
 * neither can drift from the options.
 */
public final class ReleaseDocs {
    private ReleaseDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        CommandLine bpfsh = Main.commandLine();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("bpfsh.adoc"), StandardCharsets.UTF_8))) {
            ManPageGenerator.writeSingleManPage(w, bpfsh.getCommandSpec());
        }
        Files.writeString(dir.resolve("bpfsh_completion"), AutoComplete.bash("bpfsh", bpfsh), StandardCharsets.UTF_8);
    }
}
