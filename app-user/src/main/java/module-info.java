/**
 * The user service: the user context alone. No order module is on its module path.
 */
module dev.cleave.app.user {
    requires dev.cleave.platform;
    requires dev.cleave.user;
}
