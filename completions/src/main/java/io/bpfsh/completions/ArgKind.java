package io.bpfsh.completions;

/**
 * What kind of value a positional argument or an option takes, which decides what completion offers.
 * The shell attaches one to each argument where it declares it, with {@link Completes}.
 */
public enum ArgKind {
    /** An option that takes no value. */
    FLAG,
    /** A host file to load: directories and {@code *.o} files (other files when no {@code *.o} matches). */
    OBJECT_FILE,
    /** A host batch file: directories and {@code *.bpfsh} files (others when none matches). */
    SCRIPT_FILE,
    /** A loaded module's name. */
    MODULE,
    /** A handle's name, without the '@'. */
    HANDLE,
    /** A bpfsh command name (for {@code help COMMAND}). */
    COMMAND,
    /** Any object: {@code MODULE:NAME}, {@code @HANDLE}, {@code id:N} or a pin path. */
    REF,
    /** A map: as {@link #REF}, but only maps (and directories to walk through) are offered. */
    MAP_REF,
    /** A program: as {@link #REF}, but only programs (and directories to walk through) are offered. */
    PROG_REF,
    /** A program as {@link #PROG_REF}, or an object file (whose program section follows). */
    PROG_REF_OR_OBJECT_FILE,
    /** A program section of the object file given before it on the line. */
    FILE_PROGRAM_SECTION,
    /** {@code SECTION=TYPE} (a program section of the FILE on the line, then a program type) or a bare TYPE. */
    FILE_SECTION_PROG_TYPE,
    /** Any host file: directories and files. */
    HOST_FILE,
    /** A link: {@code @HANDLE} of a link, {@code id:N} of a link, or a pinned link's path. */
    LINK_REF,
    /** A host directory (a cgroup v2 directory for attach --cgroup): directories only. */
    HOST_DIRECTORY,
    /** A network device of the shell's network namespace. */
    NET_DEVICE,
    /** A tracepoint as CATEGORY/NAME, from tracefs. */
    TRACEPOINT,
    /** A raw tracepoint's NAME (a tracepoint's name without its category), from tracefs. */
    RAW_TRACEPOINT,
    /** A bpffs path: relative to the bpffs root, or absolute. */
    PIN_PATH,
    /** {@code SECTION=PATH}: a map section of the FILE on the line, then a bpffs path. */
    FILE_SECTION_PIN_PATH,
    /** {@code SECTION=N}: a map section of the FILE on the line, then a number (not completed). */
    FILE_SECTION_NUMBER,
    /** {@code VAR=VALUE}: a global variable of the FILE on the line, then a value (not completed). */
    FILE_VARIABLE_VALUE,
    /** {@code SECTION[=PATH]}: a map section of the MODULE on the line, optionally a bpffs path. */
    MODULE_SECTION,
    /**
     * One of a fixed set of words: an option's picocli {@code completionCandidates}, or a positional
     * enum's values ({@code trace on|off}).
     */
    CHOICE,
    /** A named BTF type (struct, union, enum, typedef) of the module of the MAP_REF on the line, for events --type. */
    RECORD_TYPE,
    /** Free text that completion cannot guess: names to give, keys, values, numbers. */
    TEXT
}
