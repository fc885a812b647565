package io.bpfsh.shell;

import io.bpfsh.completions.SessionView;
import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.events.RecordType;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.load.LoadedMap;
import io.bpfsh.engine.load.LoadedProgram;
import io.bpfsh.engine.load.Module;
import io.bpfsh.engine.spec.MapSpec;
import io.bpfsh.engine.spec.GlobalVariables;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.spec.ProgramSpec;
import io.bpfsh.shell.output.Output;
import io.bpfsh.shell.output.Palette;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;

/**
 * What one bpfsh run holds: the loaded modules and the handles by name, each with its FDs, and where
 * output goes. Closing the session closes every FD it holds and never unpins anything: pins outlive
 * the session, which is what pinning is for.
 */
public final class Session implements SessionView, AutoCloseable {
    /** Module and handle names: no ':' or '@' (REF syntax), no '/' or spaces. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Settings settings;
    private final Bpffs bpffs;
    private final Output out;
    private final PrintWriter err;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Handle> handles = new LinkedHashMap<>();
    private final Deque<Path> baseDirectories = new ArrayDeque<>();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private boolean exitRequested;
    private boolean tracing;
    private Palette palette = Palette.PLAIN;
    private IntSupplier terminalWidth = Session::columnsVariable;
    private boolean closed;
    /** The REPL's terminal, for views that redraw in place (watch); absent in batches and on dumb terminals. */
    private Terminal terminal;

    public Session(Settings settings, Output out, PrintWriter err) {
        this.settings = settings;
        this.bpffs = new Bpffs(settings.bpffsRoot());
        this.out = out;
        this.err = err;
        baseDirectories.push(Path.of("").toAbsolutePath());
        tracing = settings.trace();
    }

    public Settings settings() {
        return settings;
    }

    public boolean json() {
        return settings.json();
    }

    /** Text output (lines, tables). */
    public PrintWriter out() {
        return out.text();
    }

    /** All output: text, JSON documents, bytes formatted in place. */
    public Output output() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Called by the REPL: commands may then redraw in place on this terminal. */
    public void attachTerminal(Terminal t) {
        this.terminal = t;
    }

    public Optional<Terminal> terminal() {
        return Optional.ofNullable(terminal);
    }

    /** The bpffs root, not checked: for messages and for commands that only validate paths. */
    public Bpffs bpffs() {
        return bpffs;
    }

    /**
     * The bpffs root, for a command that needs bpffs. When the root is not on a bpffs (neither it nor
     * its nearest existing ancestor is) and is the default root, mounts one there, which must be missing
     * (its parent existing) or an empty directory, and says so in one line on stderr; any other root, or
     * --no-mount, fails instead (the {@code mount} command mounts deliberately). A root that does not exist inside a mounted bpffs is not mounted over: it is an empty
     * place that pins will create.
     */
    public Bpffs mountedBpffs() throws EngineException {
        if (!bpffs.isMounted()) {
            if (settings.noMount()) {
                bpffs.requireMounted();
            }
            if (!bpffs.root().equals(Bpffs.DEFAULT_ROOT)) {
                // a mistyped --bpffs would get a new, private bpffs, left mounted, that no other tool sees
                throw new io.bpfsh.engine.fs.BpffsException("bpffs is not mounted at " + bpffs.root() + "; bpfsh mounts one"
                        + " by itself only at " + Bpffs.DEFAULT_ROOT + " (to mount one there deliberately: mount)");
            }
            if (bpffs.mount()) {
                err.println("bpfsh: mounted bpffs at " + bpffs.root());
                err.flush();
            }
        }
        return bpffs;
    }

    // ---- modules

    public void addModule(String name, Module module) throws CommandException {
        checkName(name, "module");
        if (modules.containsKey(name)) {
            throw new CommandException("a module named " + name + " is already loaded (from "
                    + modules.get(name).file() + "); choose another name with --as NAME");
        }
        modules.put(name, module);
    }

    public Module module(String name) throws CommandException {
        Module m = modules.get(name);
        if (m == null) {
            throw new CommandException("no module named " + name + " is loaded"
                    + (modules.isEmpty() ? " (none is; load one with: load FILE)"
                    : " (loaded: " + String.join(", ", modules.keySet()) + ")"));
        }
        return m;
    }

    public boolean hasModule(String name) {
        return modules.containsKey(name);
    }

    /** Forgets a module; the caller closes it. */
    public void removeModule(String name) {
        modules.remove(name);
    }

    public Map<String, Module> modules() {
        return Collections.unmodifiableMap(modules);
    }

    // ---- handles

    public void addHandle(Handle h) throws CommandException {
        checkName(h.name(), "handle");
        if (handles.containsKey(h.name())) {
            throw new CommandException("handle @" + h.name() + " is already open (on " + handles.get(h.name()).source()
                    + "); release it first or choose another name with --as NAME");
        }
        handles.put(h.name(), h);
    }

    public Handle handle(String name) throws CommandException {
        String n = name.startsWith("@") ? name.substring(1) : name;
        Handle h = handles.get(n);
        if (h == null) {
            throw new CommandException("no handle @" + n
                    + (handles.isEmpty() ? " (none is open; open one with: get PATH --as NAME)"
                    : " (open: " + String.join(", ", handles.keySet().stream().map(k -> "@" + k).toList()) + ")"));
        }
        return h;
    }

    /** Forgets a handle; the caller closes it. */
    public Handle removeHandle(String name) throws CommandException {
        Handle h = handle(name);
        handles.remove(h.name());
        return h;
    }

    public Map<String, Handle> handles() {
        return Collections.unmodifiableMap(handles);
    }

    private static void checkName(String name, String what) throws CommandException {
        if (!NAME.matcher(name).matches()) {
            throw new CommandException(what + " name '" + name + "' must start with a letter, digit or '_' and "
                    + "hold only letters, digits, '_', '-' and '.'");
        }
    }

    // ---- files named in commands

    /**
     * A file named in a command: relative names resolve against the directory of the script being
     * run, or the working directory for the REPL and -c.
     */
    public Path resolveFile(String name) {
        return baseDirectories.peek().resolve(name).normalize();
    }

    /**
     * How a file named in a command is shown in messages: as typed when it resolves against the
     * working directory, otherwise (inside a script elsewhere) as the path it resolved to.
     */
    public String displayName(String typed, Path resolved) {
        return baseDirectories.size() == 1 || Path.of(typed).isAbsolute() ? typed : resolved.toString();
    }

    public void pushBaseDirectory(Path dir) {
        baseDirectories.push(dir.toAbsolutePath().normalize());
    }

    public void popBaseDirectory() {
        if (baseDirectories.size() > 1) {
            baseDirectories.pop();
        }
    }

    // ---- the command being run

    /** Ctrl-C while a command runs: long commands (dump) check this and stop. */
    public void interrupt() {
        interrupted.set(true);
    }

    public boolean clearInterrupt() {
        return interrupted.getAndSet(false);
    }

    public boolean isInterrupted() {
        return interrupted.get();
    }

    public void requestExit() {
        exitRequested = true;
    }

    /**
     * Whether stdout is gone (its reader, {@code head} say, has exited): the JVM ignores SIGPIPE, so a
     * write to a closed pipe is only an error the writer keeps. Flushes stdout to find out.
     */
    public boolean outputClosed() {
        out.flush();
        return out.failed();
    }

    /**
     * The width help wraps to: the terminal's at the prompt (asked each time, so a resized window is
     * followed), else $COLUMNS, else 80; never below picocli's minimum of 55 or above 120, where
     * lines get hard to read.
     */
    public int helpWidth() {
        int w = terminalWidth.getAsInt();
        return Math.max(55, Math.min(120, w > 0 ? w : 80));
    }

    /** Where the REPL's terminal tells its width. */
    public void setTerminalWidth(IntSupplier width) {
        terminalWidth = width;
    }

    private static int columnsVariable() {
        String c = System.getenv("COLUMNS");
        try {
            return c == null ? 0 : Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The colours of output: plain unless the REPL runs on a terminal that shows them. */
    public Palette palette() {
        return palette;
    }

    public void setPalette(Palette p) {
        palette = p;
    }

    /** Whether commands print their system calls (--trace, or trace on). */
    public boolean tracing() {
        return tracing;
    }

    public void setTracing(boolean on) {
        tracing = on;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    // ---- SessionView, for the completers

    @Override
    public Path bpffsRoot() {
        return bpffs.root();
    }

    @Override
    public List<String> moduleNames() {
        return List.copyOf(modules.keySet());
    }

    @Override
    public List<String> mapNames(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.maps().stream().map(LoadedMap::name).toList();
    }

    @Override
    public List<String> recordTypeNames(String module) {
        Module m = modules.get(module);
        return m == null || m.spec().btf() == null ? List.of() : RecordType.namedTypes(m.spec().btf());
    }

    @Override
    public List<String> programSections(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.programs().stream().map(LoadedProgram::section).toList();
    }

    @Override
    public List<String> mapSectionKeys(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.maps().stream().map(LoadedMap::key).toList();
    }

    @Override
    public List<String> mapSectionKeysOfObject(Path objectFile) {
        try {
            return ObjectSpec.read(baseDirectories.peek().resolve(objectFile)).maps().stream().map(MapSpec::key).toList();
        } catch (EngineException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public List<String> programSectionsOfObject(Path objectFile) {
        try {
            return ObjectSpec.read(baseDirectories.peek().resolve(objectFile)).programs().stream()
                    .map(ProgramSpec::section).distinct().toList();
        } catch (EngineException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public List<String> globalVariablesOfObject(Path objectFile) {
        try {
            return GlobalVariables.names(ObjectSpec.read(baseDirectories.peek().resolve(objectFile)));
        } catch (EngineException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public List<String> handleNames() {
        return List.copyOf(handles.keySet());
    }

    /** Closes every FD the session holds (modules, handles); unpins nothing. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Handle> hs = new ArrayList<>(handles.values());
        handles.clear();
        for (Handle h : hs) {
            h.object().close();
        }
        List<Module> ms = new ArrayList<>(modules.values());
        modules.clear();
        for (Module m : ms) {
            m.close();
        }
        out.flush();
        err.flush();
    }
}
