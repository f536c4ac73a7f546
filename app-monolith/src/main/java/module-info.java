/**
 * The monolith: every context in one process. Which contexts run here is said by the modules required below;
 * the launcher finds them as services.
 */
module dev.cleave.app.monolith {
    requires dev.cleave.platform.launch;
    requires dev.cleave.user;
    requires dev.cleave.order;
}
