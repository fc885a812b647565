package io.bpfsh.engine.load;

import static io.bpfsh.engine.spec.CraftedObject.concat;
import static io.bpfsh.engine.spec.CraftedObject.exit;
import static io.bpfsh.engine.spec.CraftedObject.movR0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.Bpffs;
import io.bpfsh.engine.spec.CraftedObject;
import io.bpfsh.engine.sys.ProgType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the section table decides before the first bpf(2) call: a section no convention knows fails the
 * load naming it (unless the caller gives its type), '?' programs are skipped unless asked, and what
 * bpfsh cannot load correctly is refused. None of these tests needs a kernel: nothing reaches it.
 */
class ProgramPlanTest {
    private static final byte[] RETURN_0 = concat(movR0(), exit());
    @TempDir
    Path dir;

    private Module object(String... sections) throws Exception {
        CraftedObject o = new CraftedObject();
        for (String s : sections) {
            o.program(s, RETURN_0);
        }
        return Module.open(o.write(dir, "plan.o"), new Bpffs(dir));
    }

    @Test
    void unknownSectionFailsTheLoadNamingIt() throws Exception {
        try (Module m = object("mystery")) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of()));
            assertEquals(dir.resolve("plan.o") + ": section mystery: unknown program type (the section name follows"
                    + " no convention bpfsh knows; give its type)", e.getMessage());
            assertEquals(false, m.isLoaded());
        }
    }

    @Test
    void optionalProgramsAreSkippedUnlessAsked() throws Exception {
        try (Module m = object("?usdt/libc.so.6:libc:setjmp")) {
            List<String> events = m.load(Map.of()).events().stream().map(LoadEvent::toString).toList();
            assertEquals(List.of("skipped program ?usdt/libc.so.6:libc:setjmp: not loaded unless asked (the section"
                    + " name starts with '?')"), events);
            assertEquals(List.of(), m.programs());
        }
    }

    @Test
    void plansFollowTheSectionOrTheCallersType() throws Exception {
        try (Module m = object("xdp.frags", "mystery", "tcx/ingress", "?tp/a/b")) {
            LoadOptions o = LoadOptions.defaults().withDefaultProgramType(ProgType.SOCKET_FILTER)
                    .withOptionalProgram("?tp/a/b");
            List<ProgramPlan> p = ProgramPlan.of(m.spec(), o);
            assertEquals(List.of(ProgType.XDP, ProgType.SOCKET_FILTER, ProgType.SCHED_CLS, ProgType.TRACEPOINT),
                    p.stream().map(ProgramPlan::type).toList());
            assertEquals(List.of(37, 0, 46, 0), p.stream().map(ProgramPlan::expectedAttachType).toList());
            assertEquals(List.of(32, 0, 0, 0), p.stream().map(ProgramPlan::programFlags).toList());
            assertEquals(null, p.get(3).skipReason());
            ProgramPlan overridden = ProgramPlan.of(m.spec(), LoadOptions.defaults()
                    .withProgramType("mystery", ProgType.XDP).withProgramType("xdp.frags", ProgType.SCHED_CLS)).get(0);
            assertEquals(ProgType.SCHED_CLS, overridden.type());
            assertEquals(0, overridden.expectedAttachType(), "the section's attach type belongs to its own type");
        }
    }

    @Test
    void optionsNamingWhatTheObjectLacksAreErrors() throws Exception {
        try (Module m = object("xdp", "?xdp/maybe")) {
            EngineException e = assertThrows(EngineException.class,
                    () -> m.load(Map.of(), LoadOptions.defaults().withProgramType("nope", ProgType.XDP)));
            assertEquals(dir.resolve("plan.o") + ": program type given for section 'nope', which the object does not"
                    + " have (its program sections: xdp, ?xdp/maybe)", e.getMessage());
            e = assertThrows(EngineException.class,
                    () -> m.load(Map.of(), LoadOptions.defaults().withOptionalProgram("xdp")));
            assertEquals(dir.resolve("plan.o") + ": 'xdp' is not a program of the object with the '?' prefix",
                    e.getMessage());
        }
    }

    @Test
    void whatCannotBeLoadedCorrectlyIsRefused() throws Exception {
        assertRefused("freplace/handler", "freplace programs replace a function of another loaded program,"
                + " which bpfsh cannot name yet");
        assertRefused("struct_ops/dctcp_init", "struct_ops programs load through a struct_ops map, which bpfsh does"
                + " not support");
        assertRefused("fentry", "the section name must name its target (fentry/NAME)");
        assertRefused("fentry/mod:func", "targets in kernel modules (MODULE:NAME) are not supported");
    }

    private void assertRefused(String section, String why) throws Exception {
        try (Module m = object(section)) {
            EngineException e = assertThrows(EngineException.class, () -> m.load(Map.of()));
            assertEquals(dir.resolve("plan.o") + ": section " + section + ": " + why, e.getMessage());
        }
    }
}
