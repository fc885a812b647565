package io.bpfsh.shell.commands;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands (and parameter consumers) with what they need injected: a {@link ShellCommand} is
 * attached to the run's {@link CommandContext} as it is made, a class whose constructor takes the
 * context gets it; anything else is made by picocli's factory. One factory serves one command run,
 * so every object it makes starts fresh.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final CommandContext context;

    CommandFactory(CommandContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 1 && p[0] == CommandContext.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(context));
            }
        }
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof ShellCommand command) {
            command.attach(context);
        }
        return made;
    }
}
