package io.bpfsh.completions;

import java.nio.file.Path;
import java.util.List;

/**
 * What the completers need to know about the shell's session. The shell's session implements it;
 * the completers only read, so completing never changes anything.
 */
public interface SessionView {
    /** The bpffs root that relative pin paths resolve under (--bpffs, default /sys/fs/bpf). */
    Path bpffsRoot();

    /** Names of the loaded modules (the NAME of {@code load FILE --as NAME}). */
    List<String> moduleNames();

    /** Map names of a loaded module, in object order; empty for an unknown module. */
    List<String> mapNames(String module);

    /** Program section names of a loaded module (e.g. "socket/dummy", "xdp"); empty if unknown. */
    List<String> programSections(String module);

    /** The SectionParams/CloseOptions keys of a loaded module's maps ("maps/dummy_array_custom"). */
    List<String> mapSectionKeys(String module);

    /**
     * The SectionParams keys of the maps of an object file that is not loaded yet (for
     * {@code load FILE --pin-path SECTION=}); empty when the file cannot be read.
     */
    List<String> mapSectionKeysOfObject(Path objectFile);

    /**
     * The program sections of an object file that is not loaded yet (for {@code disasm FILE SECTION}
     * and {@code load FILE --type SECTION=}); empty when the file cannot be read.
     */
    List<String> programSectionsOfObject(Path objectFile);

    /**
     * The global variables (.data, .rodata, .bss) of an object file that is not loaded yet (for
     * {@code load FILE --set VAR=}); empty when the file cannot be read.
     */
    List<String> globalVariablesOfObject(Path objectFile);

    /**
     * The named BTF types of a loaded module's object as C spells them ("struct event", "__u32");
     * empty when it has no BTF or is unknown.
     */
    default List<String> recordTypeNames(String module) {
        return List.of();
    }

    /** Names of the handles opened with {@code get} (without the '@'). */
    List<String> handleNames();
}
