package dev.cleave.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the project and its built assemblies are.
 */
final class ProjectFiles {
    /** Every assembly of the reactor, by name ({@code app-NAME}). */
    static final List<String> ASSEMBLIES = Reactor.assemblies();

    private ProjectFiles() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("cleave.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("cleave"))) {
            throw new IllegalStateException("not the project root: " + root);
        }
        return root;
    }

    /** The module path of an assembly: its {@code target/modules}. */
    static Path modulePath(String assembly) {
        Path dir = root().resolve("app-" + assembly).resolve("target").resolve("modules");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("app-" + assembly + " is not assembled at " + dir);
        }
        return dir;
    }

    static String mainModule(String assembly) {
        return "dev.cleave.app." + assembly;
    }

    /** Whether tests should rewrite generated files instead of comparing them. */
    static boolean updating() {
        return Boolean.parseBoolean(System.getProperty("cleave.architecture.update", "false"));
    }

    static final String UPDATE_COMMAND = "./cleave update-architecture";
}
