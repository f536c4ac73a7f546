package dev.cleave.platform.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cleave.platform.spi.ContextProvider;

/**
 * Orders contexts so each starts after the local contexts whose APIs it requires, and refuses assemblies that
 * cannot start: two contexts with one name or one API, or a cycle of requirements.
 */
final class StartOrder {
    private StartOrder() {
    }

    static List<ContextProvider> of(List<ContextProvider> contexts) {
        Map<String, ContextProvider> byName = new LinkedHashMap<>();
        Map<Class<?>, ContextProvider> byApi = new HashMap<>();
        for (ContextProvider context : contexts) {
            if (byName.putIfAbsent(context.name(), context) != null) {
                throw new IllegalStateException("two contexts on the module path are named '" + context.name() + "'");
            }
            for (Class<?> api : context.provides()) {
                ContextProvider other = byApi.putIfAbsent(api, context);
                if (other != null) {
                    throw new IllegalStateException(api.getName() + " is provided by both '" + other.name()
                                                    + "' and '" + context.name() + "'");
                }
            }
        }
        List<ContextProvider> ordered = new ArrayList<>();
        Map<ContextProvider, Boolean> state = new HashMap<>(); // false: visiting, true: done
        for (ContextProvider context : byName.values()) {
            visit(context, byApi, state, ordered, new ArrayList<>());
        }
        return ordered;
    }

    private static void visit(ContextProvider context,
                              Map<Class<?>, ContextProvider> byApi,
                              Map<ContextProvider, Boolean> state,
                              List<ContextProvider> ordered,
                              List<ContextProvider> path) {
        Boolean seen = state.get(context);
        if (Boolean.TRUE.equals(seen)) {
            return;
        }
        path.add(context);
        if (Boolean.FALSE.equals(seen)) {
            throw new IllegalStateException("contexts require each other in a cycle: "
                                            + path.stream().map(ContextProvider::name)
                                                    .collect(Collectors.joining(" -> ")));
        }
        state.put(context, false);
        for (Class<?> api : context.requires()) {
            ContextProvider provider = byApi.get(api);
            if (provider != null) {
                visit(provider, byApi, state, ordered, path);
            }
        }
        state.put(context, true);
        path.removeLast();
        ordered.add(context);
    }
}
