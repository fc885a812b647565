package io.bpfsh.shell.commands;

import io.bpfsh.shell.Session;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * Where watch and top draw their snapshots: in place on the REPL's terminal (JLine's {@link Display} rewrites
 * only what changed), or one after the other, separated by a blank line, anywhere else.
 */
abstract class LiveView implements AutoCloseable {
    static LiveView of(Session session, boolean json) {
        if (!json && session.terminal().isPresent()) {
            return new InPlace(session.terminal().get());
        }
        return new Sequential(session.out());
    }

    abstract void show(List<String> lines);

    @Override
    public abstract void close();

    private static final class InPlace extends LiveView {
        private final Terminal terminal;
        private final Display display;

        InPlace(Terminal terminal) {
            this.terminal = terminal;
            this.display = new Display(terminal, false);
        }

        @Override
        void show(List<String> lines) {
            display.resize(terminal.getHeight(), terminal.getWidth());
            // a frame taller than the terminal would scroll and break the redraw: keep the top that fits
            List<String> visible = lines.size() < terminal.getHeight() ? lines : lines.subList(0, terminal.getHeight() - 1);
            display.update(visible.stream().map(AttributedString::new).toList(), -1);
            terminal.flush();
        }

        @Override
        public void close() {
            terminal.writer().println(); // the prompt comes below the last frame, which stays
            terminal.flush();
        }
    }

    private static final class Sequential extends LiveView {
        private final PrintWriter out;
        private boolean first = true;

        Sequential(PrintWriter out) {
            this.out = out;
        }

        @Override
        void show(List<String> lines) {
            if (!first) {
                out.println();
            }
            first = false;
            lines.forEach(out::println);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
