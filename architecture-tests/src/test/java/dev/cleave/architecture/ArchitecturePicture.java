package dev.cleave.architecture;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Draws the architecture from the code: the Cleave modules and their {@code requires}, the APIs each context
 * provides and requires (asked of its {@code ContextProvider}), and which assembly runs which module. Mermaid,
 * because GitHub renders it where a visitor looks first.
 */
final class ArchitecturePicture {
    static final String BEGIN = "<!-- architecture-picture:begin (generated from the module descriptors by "
                                + ProjectFiles.UPDATE_COMMAND + "; do not edit by hand) -->";
    static final String END = "<!-- architecture-picture:end -->";

    private ArchitecturePicture() {
    }

    /** The picture and its table, between the markers. */
    static String generate() {
        Map<String, ModuleDescriptor> modules = Modules.cleaveModules();
        Map<String, ContextInfo> contexts = new TreeMap<>();
        Map<String, Set<String>> onPath = new TreeMap<>();
        for (String assembly : ProjectFiles.ASSEMBLIES) {
            onPath.put(assembly, Modules.cleaveModulesOnThePath(ProjectFiles.modulePath(assembly)));
            contexts.putAll(contextsOf(assembly));
        }

        List<String> lines = new ArrayList<>();
        lines.add(BEGIN);
        lines.add("```mermaid");
        lines.add("flowchart LR");
        for (ModuleDescriptor module : modules.values()) {
            lines.add("  " + id(module.name()) + node(module.name(), contexts.get(module.name())));
        }
        for (ModuleDescriptor module : modules.values()) {
            boolean assembly = module.name().startsWith(Contexts.ROOT + ".app.");
            module.requires().stream()
                    .map(ModuleDescriptor.Requires::name)
                    .filter(modules::containsKey)
                    .sorted()
                    .forEach(target -> lines.add("  " + id(module.name())
                                                 + (assembly && contexts.containsKey(target) ? " -. runs .-> " : " --> ")
                                                 + id(target)));
        }
        lines.add("```");
        lines.add("");
        lines.add("| assembly | Cleave modules on its module path | contexts it runs |");
        lines.add("|---|---|---|");
        onPath.forEach((assembly, names) -> lines.add("| `app-" + assembly + "` | "
                + names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", ")) + " | "
                + contexts.values().stream().filter(context -> names.contains(context.module()))
                        .map(ContextInfo::name).sorted().collect(Collectors.joining(", ")) + " |"));
        lines.add("");
        lines.add("Arrows are `requires` in `module-info.java`; dotted ones are the contexts an assembly runs. A "
                  + "context module exports nothing; other contexts see only its `.api` module.");
        lines.add(END);
        return String.join("\n", lines) + "\n";
    }

    /** Replaces the picture between the markers in a document. */
    static String embed(String document, String picture) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("the document has no architecture-picture markers");
        }
        return document.substring(0, begin) + picture + document.substring(end + END.length() + 1);
    }

    /** The picture currently between the markers, or empty if there are none. */
    static String embedded(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        return begin < 0 || end < begin ? "" : document.substring(begin, end + END.length() + 1);
    }

    private static String node(String module, ContextInfo context) {
        if (module.startsWith(Contexts.ROOT + ".app.")) {
            return "([\"app-" + module.substring((Contexts.ROOT + ".app.").length()) + "<br/>" + module + "\"])";
        }
        if (context == null) {
            return "[\"" + module + "\"]";
        }
        StringBuilder label = new StringBuilder(module).append("<br/><i>context ").append(context.name());
        if (!context.provides().isEmpty()) {
            label.append("<br/>provides ").append(String.join(", ", context.provides()));
        }
        if (!context.requires().isEmpty()) {
            label.append("<br/>requires ").append(String.join(", ", context.requires()));
        }
        return "[\"" + label.append("</i>") + "\"]";
    }

    private static String id(String module) {
        return module.replace('.', '_');
    }

    /** A context as its provider declares it. */
    record ContextInfo(String name, String module, Set<String> provides, Set<String> requires) {
    }

    // Loads the assembly's modules into a layer of their own and asks each ContextProvider what it provides.
    private static Map<String, ContextInfo> contextsOf(String assembly) {
        ModuleFinder finder = ModuleFinder.of(ProjectFiles.modulePath(assembly));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of(ProjectFiles.mainModule(assembly)));
        ModuleLayer layer = ModuleLayer.boot()
                .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Map<String, ContextInfo> contexts = new TreeMap<>();
        try {
            Class<?> spi = layer.findLoader(Contexts.ROOT + ".platform.spi")
                    .loadClass(Contexts.ROOT + ".platform.spi.ContextProvider");
            for (Object provider : ServiceLoader.load(layer, spi)) {
                String name = (String) spi.getMethod("name").invoke(provider);
                String module = provider.getClass().getModule().getName();
                contexts.put(module, new ContextInfo(name, module, simpleNames(spi, "provides", provider),
                                                     simpleNames(spi, "requires", provider)));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the contexts of app-" + assembly, e);
        }
        return contexts;
    }

    private static Set<String> simpleNames(Class<?> spi, String method, Object provider)
            throws IllegalAccessException, InvocationTargetException, NoSuchMethodException {
        Set<?> types = (Set<?>) spi.getMethod(method).invoke(provider);
        return types.stream().map(type -> ((Class<?>) type).getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
