package io.bpfsh.engine.attach;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.fs.IoReason;
import io.bpfsh.engine.spec.ProgramSection;
import io.bpfsh.engine.sys.BpfLink;
import io.bpfsh.engine.sys.BpfProgram;
import io.bpfsh.engine.sys.PerfEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * kprobe-type programs: uprobes and uretprobes through the uprobe PMU, kprobes through the kprobe PMU
 * (perf_event_open with the PMU's dynamic type, then a perf-event link), as libbpf does without
 * tracefs. USDT and the multi-probe sections are refused with the reason.
 */
final class Probes {
    private static final Path PMUS = Path.of("/sys/bus/event_source/devices");

    private Probes() {
    }

    static Attachment attach(BpfProgram prog, ProgramSection section, AttachTarget t) throws EngineException {
        String pattern = section == null ? "" : section.pattern();
        if (pattern.startsWith("usdt")) {
            throw new EngineException(prog.describe() + ": attaching USDT probes is not supported (bpfsh loads usdt"
                    + " programs but does not read the binary's .note.stapsdt notes)");
        }
        if (pattern.contains(".multi") || pattern.contains(".session")) {
            throw new EngineException(prog.describe() + ": " + pattern.replace("+", "")
                    + " programs attach to many probes at once, which bpfsh does not support");
        }
        boolean kernel = pattern.startsWith("kprobe") || pattern.startsWith("kretprobe") || pattern.startsWith("ksyscall")
                || pattern.startsWith("kretsyscall");
        boolean ret = pattern.startsWith("uretprobe") || pattern.startsWith("kretprobe")
                || pattern.startsWith("kretsyscall");
        if (t.uprobe() != null) {
            return uprobe(prog, t.uprobe(), ret && !kernel);
        }
        if (kernel) {
            return kprobe(prog, section.target(), ret);
        }
        if (section != null && !section.target().isEmpty()) {
            return uprobe(prog, section.target(), ret);
        }
        throw new EngineException(prog.describe() + ": needs a probe to attach to (--uprobe BINARY:SYMBOL)");
    }

    private static Attachment uprobe(BpfProgram prog, String binaryAndSymbol, boolean ret) throws EngineException {
        UprobeTarget target = UprobeTarget.resolve(binaryAndSymbol);
        String kind = ret ? "uretprobe" : "uprobe";
        int pmu = pmuType("uprobe", "uprobes");
        String subject = kind + " " + binaryAndSymbol + " for " + prog.describe();
        PerfEvent event = PerfEvent.openProbe(pmu, ret ? retprobeBit("uprobe") : 0, target.file().toString(),
                target.offset(), subject);
        BpfLink link = Attacher.perfLink(prog, event, subject);
        return new Attachment(link, kind + " " + target.file() + ":" + target.symbol() + " (offset 0x"
                + Long.toHexString(target.offset()) + ")", List.of());
    }

    private static Attachment kprobe(BpfProgram prog, String function, boolean ret) throws EngineException {
        if (function.isEmpty()) {
            throw new EngineException(prog.describe() + ": the section name must name the kernel function (kprobe/FUNC)");
        }
        String kind = ret ? "kretprobe" : "kprobe";
        int pmu = pmuType("kprobe", "kprobes");
        String subject = kind + " " + function + " for " + prog.describe();
        PerfEvent event = PerfEvent.openProbe(pmu, ret ? retprobeBit("kprobe") : 0, function, 0, subject);
        return new Attachment(Attacher.perfLink(prog, event, subject), kind + " " + function, List.of());
    }

    /** The dynamic PMU type perf_event_open takes for kprobes or uprobes. */
    private static int pmuType(String pmu, String what) throws EngineException {
        Path file = PMUS.resolve(pmu).resolve("type");
        try {
            return Integer.parseInt(read(file));
        } catch (IOException e) {
            throw new EngineException("this kernel has no " + pmu + " PMU (" + file + ": " + IoReason.of(e)
                    + "); " + what + " need CONFIG_" + pmu.toUpperCase(Locale.ROOT) + "_EVENTS");
        } catch (NumberFormatException e) {
            throw new EngineException(file + " holds no PMU type");
        }
    }

    /** The config bit that makes the probe a return probe: format/retprobe reads "config:0". */
    private static long retprobeBit(String pmu) throws EngineException {
        Path file = PMUS.resolve(pmu).resolve("format").resolve("retprobe");
        try {
            String text = read(file);
            if (!text.startsWith("config:")) {
                throw new EngineException(file + ": unexpected format '" + text + "'");
            }
            return 1L << Integer.parseInt(text.substring("config:".length()));
        } catch (IOException e) {
            throw new EngineException(file + ": " + IoReason.of(e), e);
        } catch (NumberFormatException e) {
            throw new EngineException(file + ": unexpected format");
        }
    }

    private static String read(Path file) throws IOException {
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim();
        }
    }
}
