package dev.cleave.architecture;

import java.nio.file.Files;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;

/**
 * Where the rules find the classes to judge: the compiled production classes of every Java module in the reactor,
 * so a module added to the root pom is judged without anyone listing it here or in a dependency.
 */
final class ReactorClasses implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
        return Reactor.javaModules().stream()
                .map(Reactor.JavaModule::classes)
                .filter(Files::isDirectory)
                .map(Location::of)
                .collect(Collectors.toSet());
    }
}
