package inbound.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private final ThreadCpu threads = new ThreadCpu(ProcessHandle.current().pid(), Path.of("/srv/inbound"));

    @Test
    void groupsPooledThreadsByNameWithoutTheirNumbers() {
        assertThat(threads.group("elasticmq-pekko.actor.default-dispatcher-12")).isEqualTo("elasticmq-pekko.actor.default-dispatcher-N");
        assertThat(threads.group("Camel (camel-1) thread #5 - aws2-sqs://webhook-events.fifo")).isEqualTo("Camel (camel-N) thread #N - aws2-sqs://webhook-events.fifo");
        assertThat(threads.group("C2 CompilerThread0")).isEqualTo("C2 CompilerThreadN");
        assertThat(threads.group("H2-serialization")).isEqualTo("H2-serialization");
        assertThat(threads.group("MVStore background writer /srv/inbound/queue/elasticmq.mv.db"))
                .isEqualTo("MVStore background writer <data>/queue/elasticmq.mv.db");
    }

    @Test
    void countsTheEmbeddedQueuesThreadsApartFromInboundsOwn() {
        assertThat(ThreadCpu.isQueue(threads.group("elasticmq-pekko.actor.default-dispatcher-3"))).isTrue();
        assertThat(ThreadCpu.isQueue(threads.group("MVStore background writer /srv/inbound/queue/elasticmq.mv.db"))).isTrue();
        assertThat(ThreadCpu.isQueue(threads.group("MVStore background writer /srv/inbound/db/inbound.mv.db"))).isFalse();
        assertThat(ThreadCpu.isQueue(threads.group("inbound-queue-writer"))).isFalse();
    }

    @Test
    void countsTheCpuOfAThreadThatEndedInTheWindowAndNamesItAsTheJvmDoes() throws InterruptedException {
        ThreadCpu.Window window = threads.start();
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 700_000_000L;
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1);
            }
            assertThat(sink).isPositive();
        }, "thread-cpu-test-busy-1");
        busy.start();
        busy.join();

        ThreadCpu.Usage usage = window.stop(1.0);

        // the kernel's name of a thread that ended: its first 15 characters
        assertThat(usage.secondsByGroup()).hasEntrySatisfying("thread-cpu-test",
                seconds -> assertThat(seconds).isGreaterThan(0.1));
    }

    @Test
    void namesALiveThreadAsTheJvmDoes() throws InterruptedException {
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 300_000_000L;
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1);
            }
            spun.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "thread-cpu-test-busy-2");
        ThreadCpu.Window window = threads.start();
        busy.start();
        spun.await();
        ThreadCpu.Usage usage = window.stop(1.0);
        release.countDown();

        assertThat(usage.secondsByGroup()).hasEntrySatisfying("thread-cpu-test-busy-N",
                seconds -> assertThat(seconds).isGreaterThan(0.1));
    }
}
