package dev.cleave.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which context owns which table, read from the contexts' own migrations ({@code db-<context>/*.sql}).
 */
final class ContextTables {
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern SQL = Pattern.compile("(?i)\\b(select|insert|update|delete|merge|from|join|"
                                                       + "into|table|references|alter)\\b");

    private final Map<String, String> ownerByTable;

    private ContextTables(Map<String, String> ownerByTable) {
        this.ownerByTable = Map.copyOf(ownerByTable);
    }

    /** Reads every context's migrations below the project root. */
    static ContextTables read(Path root) {
        Map<String, String> owners = new HashMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("modules"))) {
            files.filter(file -> file.toString().endsWith(".sql"))
                    .filter(file -> file.getParent().getFileName().toString().startsWith("db-"))
                    .filter(file -> file.toString().contains("src" + root.getFileSystem().getSeparator() + "main"))
                    .forEach(file -> {
                        String context = file.getParent().getFileName().toString().substring(3);
                        tablesCreatedIn(readFile(file)).forEach(table -> owners.put(table, context));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (owners.isEmpty()) {
            throw new IllegalStateException("no CREATE TABLE found in any context's migrations below " + root);
        }
        return new ContextTables(owners);
    }

    static ContextTables of(Map<String, String> ownerByTable) {
        return new ContextTables(ownerByTable);
    }

    static Stream<String> tablesCreatedIn(String sql) {
        Matcher matcher = CREATE_TABLE.matcher(sql);
        return matcher.results().map(result -> result.group(1).toLowerCase(Locale.ROOT));
    }

    /** The tables of other contexts that an SQL-looking text names. */
    Stream<Map.Entry<String, String>> foreignTablesIn(String text, String context) {
        if (!SQL.matcher(text).find()) {
            return Stream.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return ownerByTable.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(context))
                .filter(entry -> Pattern.compile("(?<![a-z0-9_.])(?:[a-z_]+\\.)?" + entry.getKey() + "(?![a-z0-9_])")
                        .matcher(lower).find());
    }

    Map<String, String> ownerByTable() {
        return ownerByTable;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
