package dev.cleave.app.order;

import dev.cleave.platform.launch.Launcher;

/**
 * Starts the order service. It only assembles: the contexts are the modules on the module path.
 */
public final class Main {
    private Main() {
    }

    /**
     * Starts every context on the module path (here: the order context, with the user client) in one server.
     *
     * @param args ignored; configuration comes from the environment and {@code application.yaml}
     */
    public static void main(String[] args) {
        Launcher.launch("order");
    }
}
