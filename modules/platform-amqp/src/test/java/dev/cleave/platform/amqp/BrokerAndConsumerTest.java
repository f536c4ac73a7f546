package dev.cleave.platform.amqp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the transport against the real broker starts from: a namespace of its own on the broker, and a
 * consuming context with a real database (more on demand); all removed after each test.
 */
abstract class BrokerAndConsumerTest {
    @TempDir
    Path dataDir;

    BrokerFixture broker;
    ConsumerFixture consumer;
    private final List<ConsumerFixture> others = new ArrayList<>();

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
        others.forEach(ConsumerFixture::close);
    }

    /** Another consuming context, with a database of its own, whose queues are removed after the test. */
    ConsumerFixture anotherConsumer(String name) {
        broker.consumer(name);
        ConsumerFixture other = new ConsumerFixture(dataDir, name);
        others.add(other);
        return other;
    }
}
