package io.bpfsh.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpfsh.engine.testing.KernelTest;
import io.bpfsh.engine.testing.Samples;
import io.bpfsh.engine.testing.TestBpffs;
import io.bpfsh.shell.TestShell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help that fits the terminal, examples whose names exist, and typos that get a suggestion. */
@KernelTest
class HelpKernelTest {
    private static final Pattern MODULE_REF = Pattern.compile("(?<![\\w/])([a-z]+):([A-Za-z_.][\\w./]*)");

    private TestBpffs fs;
    private TestShell sh;

    @BeforeEach
    void setUp() {
        fs = new TestBpffs("shell-help");
        sh = new TestShell(fs.root());
    }

    @AfterEach
    void tearDown() {
        sh.close();
        fs.close();
    }

    @Test
    void helpWrapsToTheTerminalWidth() {
        for (int width : new int[] {80, 100}) {
            sh.session().setTerminalWidth(() -> width);
            List<String> pages = new ArrayList<>(List.of(sh.ok("help")));
            for (String c : ShellCommands.names()) {
                pages.add(sh.ok("help " + c));
                pages.add(sh.ok(c + " --help"));
            }
            for (String page : pages) {
                for (String line : page.split("\n")) {
                    assertTrue(line.length() <= width, width + " columns: " + line.length() + ": " + line);
                }
            }
        }
        sh.session().setTerminalWidth(() -> 80);
        String help = sh.ok("help").replaceAll("\\s+", " ");
        assertTrue(help.contains(" maps List the maps of the loaded modules: name, type, key and value size, max entries,"),
                help);
    }

    /** Every MODULE:NAME in any command's examples names a map or program after load's examples ran. */
    @Test
    void examplesNameWhatTheLoadExamplesCreate() {
        CommandLine model = sh.shell().commandLine();
        // load's examples, and the loads other commands' examples start with (attach's), each module once
        List<String> loads = new ArrayList<>();
        java.util.Set<String> modules = new java.util.HashSet<>();
        for (CommandLine sub : model.getSubcommands().values()) {
            String pending = "";
            for (String line : sub.getCommandSpec().usageMessage().footer()) {
                String l = pending + line.strip();
                pending = "";
                if (l.endsWith("\\")) {
                    pending = l.substring(0, l.length() - 1);
                    continue;
                }
                if (l.startsWith("load ") && l.contains(" --as ")) {
                    String load = l.replaceAll("\\s{2,}.*$", ""); // without the comment column
                    if (modules.add(load.replaceAll("^.* --as (\\S+).*$", "$1"))) {
                        loads.add(load);
                    }
                }
            }
        }
        assertTrue(loads.size() >= 4, loads.toString());
        for (String l : loads) {
            String file = l.split(" ")[1];
            sh.ok(l.replace(file, Samples.object(file.substring("samples/".length())).toString()));
        }
        int checked = 0;
        for (Map.Entry<String, CommandLine> e : model.getSubcommands().entrySet()) {
            for (String line : e.getValue().getCommandSpec().usageMessage().footer()) {
                String command = line.strip().replaceAll("\\s{2,}.*$", "");
                Matcher m = MODULE_REF.matcher(command);
                while (m.find()) {
                    if (m.group(1).equals("id") || m.group(1).equals("hex")) {
                        continue;
                    }
                    assertTrue(sh.run("info " + m.group()), e.getKey() + "'s example '" + command + "': "
                            + sh.takeErr());
                    sh.takeOut();
                    checked++;
                }
            }
        }
        assertTrue(checked >= 10, "only " + checked + " MODULE:NAME found in the examples");
    }

    @Test
    void helpOfAMisspeltCommandSuggestsTheCommand() {
        assertEquals("error: help: no command 'dupm' (did you mean: dump?); 'help' lists the commands",
                sh.fails("help dupm"));
    }
}
