/**
 * The user service: the user context alone. No order module is on its module path; its events leave through
 * RabbitMQ.
 */
module dev.cleave.app.user {
    requires dev.cleave.platform.launch;
    requires dev.cleave.platform.amqp;
    requires dev.cleave.user;
}
