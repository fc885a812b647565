package io.bpfsh.engine.load;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.btf.Btf;
import io.bpfsh.engine.btf.BtfKind;
import io.bpfsh.engine.btf.BtfType;
import io.bpfsh.engine.fs.IoReason;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The running kernel's BTF (/sys/kernel/btf/vmlinux), read and parsed once per process on first use
 * (about a second for 5 MB), and kept while memory allows: what attach_btf_id of fentry, fexit, fmod_ret, lsm, tp_btf and iter
 * programs is looked up in.
 */
public final class KernelBtf {
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    /** Far above any vmlinux BTF (5-10 MB); bounds what a strange sysfs could make us read. */
    private static final int MAX_SIZE = 256 << 20;

    /** Soft: about 33 MiB once parsed, which the JVM may take back between loads that need it. */
    private static SoftReference<Btf> vmlinux = new SoftReference<>(null);

    private KernelBtf() {
    }

    public static synchronized Btf vmlinux() throws EngineException {
        Btf btf = vmlinux.get();
        if (btf == null) {
            btf = Btf.parse(VMLINUX.toString(), read(VMLINUX));
            vmlinux = new SoftReference<>(btf);
        }
        return btf;
    }

    /** The id of a named type of a kind in vmlinux BTF, or an error saying the kernel has no such type. */
    public static int idOf(String name, BtfKind kind, String subject) throws EngineException {
        return vmlinux().findByName(name, kind).map(BtfType::id)
                .orElseThrow(() -> new EngineException(subject + ": the kernel's BTF (" + VMLINUX + ") has no "
                        + kind.name().toLowerCase(Locale.ROOT) + " '" + name + "'"));
    }

    private static byte[] read(Path p) throws EngineException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new EngineException(p + ": the kernel exposes no BTF (needs CONFIG_DEBUG_INFO_BTF)");
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes(MAX_SIZE + 1);
            if (b.length > MAX_SIZE) {
                throw new EngineException(p + ": more than " + MAX_SIZE + " bytes of BTF");
            }
            return b;
        } catch (IOException e) {
            throw new EngineException(p + ": " + IoReason.of(e), e);
        }
    }
}
