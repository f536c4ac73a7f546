package dev.cleave.architecture;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an assembly declares and what it gets, read from its built module path: the Cleave modules it resolves
 * without and with service binding, the contexts it runs (asked of each {@code ContextProvider}) and the remote
 * clients it carries (asked of each {@code RemoteApiProvider}).
 *
 * @param assembly the assembly's name
 * @param declared the Cleave modules the main module's {@code requires} resolve
 * @param resolved the Cleave modules resolved with service binding, as the JVM starts it
 * @param contexts the contexts it runs, by module
 * @param clients  the module of the remote client of each API it carries, by API type name
 */
record AssemblyFacts(String assembly,
                     Set<String> declared,
                     Set<String> resolved,
                     Map<String, RunContext> contexts,
                     Map<String, String> clients) {

    /**
     * A context an assembly runs.
     *
     * @param module   its implementation module
     * @param provides the API types it provides, by name, with the module of each
     * @param requires the API types it requires, by name, with the module of each
     */
    record RunContext(String module, Map<String, String> provides, Map<String, String> requires) {
    }

    /** Reads one built assembly ({@code app-NAME/target/modules}). */
    static AssemblyFacts of(String assembly) {
        ModuleFinder finder = ModuleFinder.of(ProjectFiles.modulePath(assembly));
        String main = ProjectFiles.mainModule(assembly);
        Configuration bound = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of(main));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(bound, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader(Contexts.ROOT + ".platform.spi");
        Map<String, RunContext> contexts = new TreeMap<>();
        Map<String, String> clients = new TreeMap<>();
        try {
            Class<?> contextSpi = loader.loadClass(Contexts.ROOT + ".platform.spi.ContextProvider");
            for (Object provider : ServiceLoader.load(layer, contextSpi)) {
                String module = provider.getClass().getModule().getName();
                contexts.put(module, new RunContext(module, apis(contextSpi, "provides", provider),
                                                    apis(contextSpi, "requires", provider)));
            }
            Class<?> remoteSpi = loader.loadClass(Contexts.ROOT + ".platform.spi.RemoteApiProvider");
            for (Object provider : ServiceLoader.load(layer, remoteSpi)) {
                Class<?> api = (Class<?>) remoteSpi.getMethod("api").invoke(provider);
                clients.put(api.getName(), provider.getClass().getModule().getName());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the providers of app-" + assembly, e);
        }
        return new AssemblyFacts(assembly, cleave(Modules.resolveWithoutBinding(finder, main)),
                                 cleave(Modules.resolve(finder, main)), contexts, clients);
    }

    private static Map<String, String> apis(Class<?> spi, String method, Object provider)
            throws ReflectiveOperationException {
        Map<String, String> apis = new TreeMap<>();
        for (Object type : (Set<?>) spi.getMethod(method).invoke(provider)) {
            Class<?> api = (Class<?>) type;
            apis.put(api.getName(), api.getModule().getName());
        }
        return apis;
    }

    private static Set<String> cleave(Set<String> modules) {
        return modules.stream().filter(name -> name.startsWith(Contexts.ROOT + "."))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
