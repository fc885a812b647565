package io.bpfsh.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** bpfsh's version, as Maven stamped it into version.properties at build time. */
public final class Version {
    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
