package io.bpfsh.shell.commands;

import io.bpfsh.shell.Session;
import io.bpfsh.shell.Shell;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands (and parameter consumers) with what they need injected: a constructor taking
 * the {@link Session} or the {@link Shell} gets it; anything else is made by picocli's factory.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Shell shell;

    CommandFactory(Shell shell) {
        this.shell = shell;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 1 && p[0] == Session.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(shell.session()));
            }
            if (p.length == 1 && p[0] == Shell.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(shell));
            }
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
