package dev.cleave.platform.amqp;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the transport against the real broker starts from: a namespace of its own on the broker, and a
 * consuming context with a real database; both removed after each test.
 */
abstract class BrokerAndConsumerTest {
    @TempDir
    Path dataDir;

    BrokerFixture broker;
    ConsumerFixture consumer;

    @BeforeEach
    void startBrokerAndConsumer() {
        broker = new BrokerFixture();
        broker.consumer(ConsumerFixture.NAME);
        consumer = new ConsumerFixture(dataDir);
    }

    @AfterEach
    void stopBrokerAndConsumer() {
        broker.close();
        consumer.close();
    }
}
