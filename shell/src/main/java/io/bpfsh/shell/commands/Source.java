package io.bpfsh.shell.commands;

import io.bpfsh.completions.ArgKind;
import io.bpfsh.completions.Completes;
import io.bpfsh.engine.EngineException;
import io.bpfsh.shell.ReportedFailure;
import io.bpfsh.shell.script.ScriptResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "source",
        description = {"Run the commands of a .bpfsh file in this session.",
                "Its modules and handles stay after it ends. It stops at its first failing command (unless "
                        + "bpfsh runs with --keep-going), reporting FILE:LINE: error: MESSAGE, and then the "
                        + "source command fails too. Relative files named inside it resolve against its own "
                        + "directory. Scripts nest at most " + ScriptRunner.MAX_SOURCE_DEPTH + " deep."},
        footer = {"  source samples/tour.bpfsh"})
final class Source extends ShellCommand {
    @Completes(ArgKind.SCRIPT_FILE)
    @Parameters(index = "0", paramLabel = "FILE", description = "The script.")
    private String file;

    @Override
    protected void execute() throws EngineException {
        java.nio.file.Path p = session.resolveFile(file);
        ScriptResult r = context().scripts().source(p, session.displayName(file, p));
        if (!r.ok()) {
            // each failure was reported with the sourced file's name and line: fail without a second line
            throw new ReportedFailure("source " + file + ": " + r.failures() + " command"
                    + (r.failures() == 1 ? "" : "s") + " failed");
        }
    }
}
