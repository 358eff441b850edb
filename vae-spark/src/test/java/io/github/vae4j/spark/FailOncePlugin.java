package io.github.vae4j.spark;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Fails one task from outside vae4j, for the tests only: a Spark plugin ({@code spark.plugins}) that, once armed,
 * asks Spark to kill the {@code n}-th first attempt of a partition's task as it starts and holds that task until the
 * kill has reached it, so that Spark fails the attempt at its end and runs the task again, as it would after a lost
 * executor. In local mode the executor shares the driver's JVM, so the test arms it directly.
 */
public final class FailOncePlugin implements SparkPlugin {

    private static volatile int partition = -1;
    private static volatile int nth;
    private static final AtomicInteger SEEN = new AtomicInteger();
    private static final AtomicInteger KILLED = new AtomicInteger();
    private static final AtomicInteger RETRIED = new AtomicInteger();

    /** Kills the {@code nth} first attempt of {@code partition}'s tasks from now on. */
    static void arm(int partition, int nth) {
        SEEN.set(0);
        KILLED.set(0);
        RETRIED.set(0);
        FailOncePlugin.nth = nth;
        FailOncePlugin.partition = partition;
    }

    /** Stops killing. */
    static void disarm() {
        partition = -1;
    }

    /** @return the attempts killed since {@link #arm} */
    static int killed() {
        return KILLED.get();
    }

    /** @return the later attempts of the partition's tasks since {@link #arm} */
    static int retried() {
        return RETRIED.get();
    }

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
            }

            @Override
            public void onTaskStart() {
                TaskContext task = TaskContext.get();
                if (task == null || task.partitionId() != partition) {
                    return;
                }
                if (task.attemptNumber() > 0) {
                    RETRIED.incrementAndGet();
                    return;
                }
                if (SEEN.incrementAndGet() != nth) {
                    return;
                }
                SparkContext.getOrCreate().killTaskAttempt(task.taskAttemptId(), false, "injected by FailOncePlugin");
                long until = System.nanoTime() + 10_000_000_000L;
                while (!task.isInterrupted() && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (task.isInterrupted()) {
                    KILLED.incrementAndGet();
                }
            }
        };
    }
}
