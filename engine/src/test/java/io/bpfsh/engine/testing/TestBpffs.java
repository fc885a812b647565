package io.bpfsh.engine.testing;

import io.bpfsh.engine.fs.Bpffs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's own directory on the shared bpffs, used as the bpffs root of the code under test, and
 * removed with everything in it at close. As a JUnit extension it owns one directory per test:
 * <pre>{@code
 * @RegisterExtension
 * final TestBpffs fs = new TestBpffs();
 * }</pre>
 * creates it (named after the test class) before each test's {@code @BeforeEach} methods and removes it
 * after its {@code @AfterEach} methods.
 */
public final class TestBpffs implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private Path root;
    private Bpffs bpffs;

    /** For {@code @RegisterExtension}: the directory is made before each test. */
    public TestBpffs() {
    }

    public TestBpffs(String owner) {
        create(owner);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        create(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void create(String owner) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        root = Bpffs.DEFAULT_ROOT.resolve("bpfsh-test-" + owner.replaceAll("[^A-Za-z0-9_]", "_") + "-" + id);
        try {
            Files.createDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bpffs = new Bpffs(root);
    }

    public Path root() {
        if (root == null) {
            throw new IllegalStateException("no test directory outside a test (register TestBpffs as an extension)");
        }
        return root;
    }

    public Bpffs bpffs() {
        return bpffs;
    }

    /** Every path below the root, relative and sorted, for before/after comparisons. */
    public List<String> tree() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
