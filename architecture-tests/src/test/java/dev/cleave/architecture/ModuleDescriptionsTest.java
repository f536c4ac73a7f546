package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each built module matches its committed description in {@code architecture-tests/golden/}: a new export, requires
 * or provides is a reviewed decision, never an accident.
 */
class ModuleDescriptionsTest {

    @Test
    void everyModuleMatchesItsGoldenDescription() {
        Path golden = ProjectFiles.root().resolve("architecture-tests").resolve("golden");
        Map<String, String> built = new TreeMap<>();
        Modules.cleaveModules().forEach((name, module) -> built.put(name + ".txt", ModuleDescriptions.describe(module)));

        if (ProjectFiles.updating()) {
            GoldenFiles.write(golden, built);
        }
        List<String> differences = GoldenFiles.differences(golden, built);
        assertEquals(List.of(), differences, () -> GoldenFiles.report("Module descriptions", differences));
    }

    @Test
    void aDescriptionListsEveryDirectiveSorted() {
        ModuleDescriptor module = ModuleDescriptor.newModule("dev.cleave.shop")
                .requires(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), "dev.cleave.platform.spi")
                .requires("dev.cleave.user.api")
                .packages(Set.of("dev.cleave.shop.api", "dev.cleave.shop.http"))
                .exports("dev.cleave.shop.api")
                .opens("dev.cleave.shop.http", Set.of("com.fasterxml.jackson.databind"))
                .uses("dev.cleave.platform.spi.ContextProvider")
                .provides("dev.cleave.platform.spi.ContextProvider", List.of("dev.cleave.shop.http.P"))
                .build();

        assertEquals("""
                module dev.cleave.shop
                requires dev.cleave.user.api
                requires transitive dev.cleave.platform.spi
                exports dev.cleave.shop.api
                opens dev.cleave.shop.http to com.fasterxml.jackson.databind
                uses dev.cleave.platform.spi.ContextProvider
                provides dev.cleave.platform.spi.ContextProvider with dev.cleave.shop.http.P
                """, ModuleDescriptions.describe(module));
    }

    @Test
    void aChangedModuleFailsWithTheCommandThatAcceptsIt(@TempDir Path golden) {
        GoldenFiles.write(golden, Map.of("dev.cleave.user.txt", "module dev.cleave.user\n"));

        List<String> differences = GoldenFiles.differences(golden, Map.of(
                "dev.cleave.user.txt", "module dev.cleave.user\nexports dev.cleave.user.domain\n",
                "dev.cleave.extra.txt", "module dev.cleave.extra\n"));

        assertEquals(2, differences.size(), differences::toString);
        String report = GoldenFiles.report("Module descriptions", differences);
        assertTrue(report.contains("dev.cleave.user.txt changed") && report.contains("exports dev.cleave.user.domain"),
                   report);
        assertTrue(report.contains("dev.cleave.extra.txt is new"), report);
        assertTrue(report.contains(ProjectFiles.UPDATE_COMMAND), report);
    }
}
