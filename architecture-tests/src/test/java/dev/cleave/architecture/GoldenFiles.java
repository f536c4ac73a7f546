package dev.cleave.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Committed, reviewable text files compared with what the build produces. A difference fails the build with the
 * one command that rewrites them; the rewrite then shows up in review as a plain diff.
 */
final class GoldenFiles {
    private GoldenFiles() {
    }

    /**
     * Compares expected files with actual contents.
     *
     * @param directory where the golden files are
     * @param actual    file name to content, as built now
     * @return one message per missing, stale or changed file
     */
    static List<String> differences(Path directory, Map<String, String> actual) {
        Map<String, String> expected = read(directory);
        List<String> differences = new ArrayList<>();
        actual.forEach((name, content) -> {
            String golden = expected.get(name);
            if (golden == null) {
                differences.add(name + " is new; it has no golden description yet:\n" + content);
            } else if (!golden.equals(content)) {
                differences.add(name + " changed.\n--- committed\n" + golden + "+++ built\n" + content);
            }
        });
        expected.keySet().stream().filter(name -> !actual.containsKey(name))
                .forEach(name -> differences.add(name + " is committed but no such module is built any more"));
        return differences;
    }

    /** The failure message for differences: what changed, and how to accept it on purpose. */
    static String report(String what, List<String> differences) {
        return what + " differ from the committed files:\n\n" + String.join("\n", differences)
               + "\nIf the change is intended, run " + ProjectFiles.UPDATE_COMMAND
               + " and commit the updated files, so reviewers see it.";
    }

    static void write(Path directory, Map<String, String> actual) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    if (!actual.containsKey(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            for (var entry : actual.entrySet()) {
                Files.writeString(directory.resolve(entry.getKey()), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(Path directory) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
