package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.completions.CommandArguments.Command;
import io.bpfsh.completions.CommandArguments.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table says what the shell issue says, command for command. */
class CommandArgumentsTest {

    @Test
    void synopsesAreTheShellsGrammar() {
        List<String> expected = List.of(
                "load FILE [--as NAME] [--pin-path SECTION=PATH]... [--max-entries SECTION=N]... [--pin-root DIR] [--max-map-memory SIZE] [--dry-run] [--verifier-log]",
                "close MODULE [--unpin SECTION[=PATH]]... [--unpin-all]",
                "modules",
                "maps [MODULE]",
                "progs [MODULE]",
                "pin REF PATH",
                "get PATH [--as NAME] [--readonly|--writeonly]",
                "unpin PATH [--recursive]",
                "ls [PATH] [-l] [-R]",
                "info REF",
                "dump REF",
                "lookup REF KEY",
                "update REF KEY VALUE [--noexist|--exist]",
                "delete REF KEY",
                "handles",
                "release NAME",
                "source FILE",
                "mount",
                "help [COMMAND]",
                "exit");
        assertEquals(expected, CommandArguments.all().stream().map(Command::synopsis).toList());
    }

    @Test
    void mapCommandsWantMaps() {
        for (String name : List.of("dump", "lookup", "update", "delete")) {
            assertEquals(Kind.MAP_REF, CommandArguments.command(name).orElseThrow().positionals().get(0).kind(), name);
        }
        for (String name : List.of("info", "pin")) {
            assertEquals(Kind.REF, CommandArguments.command(name).orElseThrow().positionals().get(0).kind(), name);
        }
    }

    @Test
    void onlyUpdateOffersFlagsAndTheyAreItsOptions() {
        for (Command c : CommandArguments.all()) {
            for (String flag : c.offeredFlags()) {
                assertTrue(c.option(flag).isPresent() && !c.option(flag).get().takesValue(), c.name() + " " + flag);
            }
            assertEquals(c.name().equals("update"), !c.offeredFlags().isEmpty(), c.name());
        }
        assertEquals(List.of("--noexist", "--exist"), CommandArguments.command("update").orElseThrow().offeredFlags());
    }
}
