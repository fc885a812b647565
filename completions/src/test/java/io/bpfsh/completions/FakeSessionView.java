package io.bpfsh.completions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session for tests: modules with their maps, sections and map section keys, handles, object files. */
final class FakeSessionView implements SessionView {
    private final Path root;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final List<String> handles = new ArrayList<>();
    private final Map<Path, List<String>> objectSections = new LinkedHashMap<>();
    private final Map<Path, List<String>> objectProgramSections = new LinkedHashMap<>();
    private final Map<Path, List<String>> objectVariables = new LinkedHashMap<>();
    private final Map<String, List<String>> recordTypes = new LinkedHashMap<>();
    /** every object file completion asked about, to check it resolves the FILE on the line */
    final List<Path> objectFilesAsked = new ArrayList<>();

    record Module(List<String> maps, List<String> sections, List<String> mapSectionKeys) {
    }

    FakeSessionView(Path root) {
        this.root = root;
    }

    FakeSessionView module(String name, List<String> maps, List<String> sections, List<String> mapSectionKeys) {
        modules.put(name, new Module(maps, sections, mapSectionKeys));
        return this;
    }

    FakeSessionView recordTypes(String module, List<String> spelled) {
        recordTypes.put(module, spelled);
        return this;
    }

    FakeSessionView handle(String name) {
        handles.add(name);
        return this;
    }

    FakeSessionView object(Path file, List<String> mapSectionKeys) {
        objectSections.put(file, mapSectionKeys);
        return this;
    }

    FakeSessionView objectPrograms(Path file, List<String> programSections) {
        objectProgramSections.put(file, programSections);
        return this;
    }

    FakeSessionView variables(Path file, List<String> names) {
        objectVariables.put(file, names);
        return this;
    }

    @Override
    public Path bpffsRoot() {
        return root;
    }

    @Override
    public List<String> moduleNames() {
        return List.copyOf(modules.keySet());
    }

    @Override
    public List<String> mapNames(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.maps();
    }

    @Override
    public List<String> programSections(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.sections();
    }

    @Override
    public List<String> mapSectionKeys(String module) {
        Module m = modules.get(module);
        return m == null ? List.of() : m.mapSectionKeys();
    }

    @Override
    public List<String> mapSectionKeysOfObject(Path objectFile) {
        objectFilesAsked.add(objectFile);
        return objectSections.getOrDefault(objectFile, List.of());
    }

    @Override
    public List<String> programSectionsOfObject(Path objectFile) {
        objectFilesAsked.add(objectFile);
        return objectProgramSections.getOrDefault(objectFile, List.of());
    }

    @Override
    public List<String> globalVariablesOfObject(Path objectFile) {
        objectFilesAsked.add(objectFile);
        return objectVariables.getOrDefault(objectFile, List.of());
    }

    @Override
    public List<String> recordTypeNames(String module) {
        return recordTypes.getOrDefault(module, List.of());
    }

    @Override
    public List<String> handleNames() {
        return List.copyOf(handles);
    }
}
