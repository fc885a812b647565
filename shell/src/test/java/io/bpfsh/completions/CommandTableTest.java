package io.bpfsh.completions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.completions.CommandTable.Command;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table read from the shell's picocli commands says what the shell issue says, command for command. */
class CommandTableTest {

    @Test
    void synopsesAreTheShellsGrammar() {
        List<String> expected = List.of(
                "load FILE [--as NAME] [--pin-path SECTION=PATH]... [--max-entries SECTION=N]... [--set VAR=VALUE]..."
                        + " [--optional SECTION]... [--pin-root DIR] [--max-map-memory SIZE] [--dry-run]"
                        + " [--on-incompatible POLICY] [--type [SECTION=]TYPE]... [--pin-progs DIR] [--verifier-log]",
                "close MODULE [--unpin SECTION[=PATH]]... [--unpin-all] [--force]",
                "modules",
                "maps [MODULE] [--all]",
                "progs [MODULE] [--all]",
                "attach REF [TARGET] [--as NAME] [--pin PATH] [--dev IFACE] [--mode MODE] [--ingress|--egress]"
                        + " [--cgroup PATH] [--tracepoint CATEGORY/NAME] [--raw-tracepoint NAME] [--uprobe BINARY:SYMBOL]",
                "detach LINK",
                "links [--all]",
                "pin REF PATH [--replace]",
                "get PATH [--as NAME] [--readonly|--writeonly]",
                "unpin PATH [--recursive]",
                "migrate OLD NEW [--map OLD=NEW]...",
                "ls [PATH] [-l] [-R]",
                "info REF",
                "dump REF [--limit N] [--sum-cpus] [--nonzero]",
                "lookup REF KEY",
                "update REF KEY VALUE... [--noexist|--exist] [--cpu N|all]",
                "delete REF KEY",
                "run REF [--data hex:BYTES|--data-file FILE] [--ctx hex:BYTES] [--repeat N] [--cpu N] [--show-maps]",
                "disasm REF|FILE [SECTION] [--linum]",
                "push REF VALUE [--overwrite]",
                "pop REF",
                "peek REF [VALUE]",
                "events REF [--type TYPE] [--limit N] [--timeout SECONDS]",
                "watch REF [KEY]... [--interval DURATION] [--count N] [--delta] [--changed] [--sum-cpus]",
                "hist REF [--log2|--linear] [--step STEP] [--top N] [--sort key|value]",
                "tracelog [--limit N] [--timeout SECONDS]",
                "top [--interval DURATION] [--count N]",
                "handles",
                "release NAME",
                "source FILE",
                "echo [TEXT]...",
                "trace [on|off]",
                "mount",
                "help [COMMAND]",
                "exit");
        // the table lists the commands in the order they are registered; the grammar is what matters here
        assertEquals(expected.stream().sorted().toList(),
                ShellCommandTable.TABLE.all().stream().map(Command::synopsis).sorted().toList());
    }

    @Test
    void mapCommandsWantMaps() {
        for (String name : List.of("dump", "lookup", "update", "delete", "push", "pop", "peek", "events", "watch", "hist")) {
            assertEquals(ArgKind.MAP_REF, ShellCommandTable.TABLE.command(name).orElseThrow().positionals().get(0).kind(), name);
        }
        for (String name : List.of("info", "pin")) {
            assertEquals(ArgKind.REF, ShellCommandTable.TABLE.command(name).orElseThrow().positionals().get(0).kind(), name);
        }
    }

    @Test
    void offeredFlagsAreTheCommandsOwnOptions() {
        for (Command c : ShellCommandTable.TABLE.all()) {
            for (CommandTable.Option flag : c.offeredFlags()) {
                assertTrue(c.option(flag.name()).isPresent() && !flag.takesValue(), c.name() + " " + flag);
            }
            assertEquals(List.of("update", "dump", "push", "watch", "hist").contains(c.name()), !c.offeredFlags().isEmpty(),
                    c.name());
        }
        assertEquals(List.of("--noexist", "--exist"), ShellCommandTable.TABLE.command("update").orElseThrow()
                .offeredFlags().stream().map(CommandTable.Option::name).toList());
    }
}
