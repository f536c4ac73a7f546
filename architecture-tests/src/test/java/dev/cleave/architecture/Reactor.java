package dev.cleave.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of the Maven reactor, read from the root {@code pom.xml} and each module's {@code module-info.java},
 * so that the guardrails check every module the build has, a new one included, without being told its name.
 */
final class Reactor {
    private static final Pattern MODULE_ENTRY = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern MODULE_NAME = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");

    /** The module of shared test fixtures: tests depend on it, no assembly carries it. */
    static final String TEST_FIXTURES = Contexts.ROOT + ".platform.testing";

    private Reactor() {
    }

    /**
     * One module of the reactor that is a Java module.
     *
     * @param name      its module name
     * @param directory its folder
     */
    record JavaModule(String name, Path directory) {
        /** Where its compiled production classes are. */
        Path classes() {
            return directory.resolve("target").resolve("classes");
        }
    }

    /** Every reactor module with a {@code module-info.java}, in the order the root pom lists them. */
    static List<JavaModule> javaModules() {
        Path root = ProjectFiles.root();
        List<JavaModule> modules = new ArrayList<>();
        Matcher entries = MODULE_ENTRY.matcher(read(root.resolve("pom.xml")));
        while (entries.find()) {
            Path directory = root.resolve(entries.group(1)).normalize();
            moduleName(directory).ifPresent(name -> modules.add(new JavaModule(name, directory)));
        }
        return modules;
    }

    /** The context implementation modules of the reactor, e.g. {@code dev.cleave.user}. */
    static List<String> contextModules() {
        return javaModules().stream().map(JavaModule::name).filter(ModuleChecks::isContextImplementation).toList();
    }

    /** The assemblies: every {@code app-NAME} folder with a {@code pom.xml}, by NAME, as {@code ./cleave run} finds. */
    static List<String> assemblies() {
        try (var folders = Files.list(ProjectFiles.root())) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("app-"))
                    .filter(folder -> Files.isRegularFile(folder.resolve("pom.xml")))
                    .map(folder -> folder.getFileName().toString().substring("app-".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> moduleName(Path directory) {
        Path descriptor = directory.resolve("src/main/java/module-info.java");
        if (!Files.isRegularFile(descriptor)) {
            return Optional.empty();
        }
        Matcher name = MODULE_NAME.matcher(read(descriptor));
        return name.find() ? Optional.of(name.group(1)) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
