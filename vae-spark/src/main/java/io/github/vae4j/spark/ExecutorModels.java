package io.github.vae4j.spark;

import io.github.vae4j.Vae;
import io.github.vae4j.distributed.GradientWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models an executor JVM holds, loaded once from a broadcast model file and kept by the file's checksum: one
 * {@link Vae} per model for scoring (its inference is safe from many task threads at once), at most
 * {@value #KEPT_MODELS_PROPERTY} of them (default {@value #DEFAULT_KEPT_MODELS}; the least recently used is closed
 * once no task uses it, see {@link ModelCache}), and a pool of
 * {@link GradientWorker}s per model for training (one per concurrent task). Before the first load it gives the
 * backend {@code spark.task.cpus} threads, unless {@code vae4j.nd4j.threads} is set.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

    /** The backend's threads per product (see the ND4J backend's {@code ComputeThreads}). */
    static final String THREADS_PROPERTY = "vae4j.nd4j.threads";

    /** System property: how many models an executor keeps for scoring at once. */
    static final String KEPT_MODELS_PROPERTY = "vae4j.spark.keptModels";
    static final int DEFAULT_KEPT_MODELS = 4;

    private static final ModelCache<Vae> SCORERS = new ModelCache<>(
            Integer.getInteger(KEPT_MODELS_PROPERTY, DEFAULT_KEPT_MODELS));
    private static final Map<String, Queue<GradientWorker>> WORKERS = new ConcurrentHashMap<>();
    private static final AtomicInteger SCORER_LOADS = new AtomicInteger();
    private static final AtomicInteger WORKER_LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /**
     * The executor's model for scoring, loaded on first use, leased to the calling task until the task ends.
     *
     * @param key the model file's checksum
     * @param file the broadcast model file
     * @return the lease of the model, shared by every task of this JVM; closed when the task completes
     */
    static ModelCache.Lease<Vae> scorer(String key, Broadcast<byte[]> file) {
        ModelCache.Lease<Vae> lease = SCORERS.lease(key, () -> {
            configureThreads();
            try {
                Vae vae = Vae.fromBytes(file.value());
                SCORER_LOADS.incrementAndGet();
                LOG.info("executor loaded vae4j model {} for scoring", key);
                return vae;
            } catch (IOException e) {
                throw new UncheckedIOException("could not load the broadcast vae4j model " + key, e);
            }
        });
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> lease.close());
        }
        return lease;
    }

    /**
     * A gradient worker of the model, from the pool or newly loaded; give it back with {@link #release}.
     *
     * @param key the model file's checksum
     * @param file the broadcast model file
     * @return a worker for this task alone
     */
    static GradientWorker borrowWorker(String key, Broadcast<byte[]> file) {
        GradientWorker w = WORKERS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (w != null) {
            return w;
        }
        configureThreads();
        try {
            GradientWorker worker = GradientWorker.of(file.value());
            WORKER_LOADS.incrementAndGet();
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the broadcast vae4j model " + key, e);
        }
    }

    /** Gives a worker back to the pool of its model. */
    static void release(String key, GradientWorker worker) {
        WORKERS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(worker);
    }

    /** Closes and drops the workers of a model whose training ended (on the driver's JVM, in local mode). */
    static void dropWorkers(String key) {
        Queue<GradientWorker> pool = WORKERS.remove(key);
        if (pool != null) {
            pool.forEach(GradientWorker::close);
        }
    }

    /** @return how many times this JVM loaded a model for scoring */
    static int scorerLoads() {
        return SCORER_LOADS.get();
    }

    /** @return how many gradient workers this JVM loaded */
    static int workerLoads() {
        return WORKER_LOADS.get();
    }

    /**
     * Gives the backend {@code spark.task.cpus} threads, unless {@code vae4j.nd4j.threads} is set or the backend has
     * loaded already: called on executors before their first model, and on the driver before it builds one (in
     * local mode they share the JVM, and the backend's team of threads is fixed when it loads).
     */
    static void configureThreads() {
        if (System.getProperty(THREADS_PROPERTY) == null && SparkEnv.get() != null) {
            int cpus = SparkEnv.get().conf().getInt("spark.task.cpus", 1);
            System.setProperty(THREADS_PROPERTY, Integer.toString(cpus));
            LOG.info("vae4j backend threads per task: {} (spark.task.cpus)", cpus);
        }
    }
}
