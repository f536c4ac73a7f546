/**
 * The order service: the order context alone. Its UserDirectory comes from the user client, over HTTP; the user
 * context's implementation is not on its module path. Its events come and go through RabbitMQ.
 */
module dev.cleave.app.order {
    requires dev.cleave.platform.launch;
    requires dev.cleave.platform.amqp;
    requires dev.cleave.order;
    requires dev.cleave.user.client;
}
