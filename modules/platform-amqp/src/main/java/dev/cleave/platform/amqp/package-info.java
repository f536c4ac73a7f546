/**
 * The RabbitMQ event transport: a durable topic exchange per publishing context, a quorum queue per consuming
 * context and publisher with a dead-letter queue beside it, persistent messages sent with publisher confirms, and
 * consumers that acknowledge only after their own transaction committed. Every event is kept a week in a stream,
 * and a consumer catches up on the history of each type it has not read yet before it consumes its queue. The
 * connection is made, and remade, in the background, so an assembly starts and takes writes while the broker is away.
 */
package dev.cleave.platform.amqp;
