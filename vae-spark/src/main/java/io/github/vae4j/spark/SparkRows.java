package io.github.vae4j.spark;

import com.google.common.hash.Hashing;
import io.github.vae4j.Optimizer;
import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.distributed.GradientWorker;
import io.github.vae4j.spi.GradientSum;
import io.github.vae4j.spi.StateSum;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.tabular.Scaling;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training rows of a Spark job as {@link DistributedRows}: the partitions' cached {@link PartitionBlock}s, a
 * row's index being its position in the Dataset (the partitions in order). Each step is one Spark job: the driver
 * broadcasts the parameters, the batch's indices and noise; every task sums the gradient of its partition's rows of
 * the batch with a {@link GradientWorker} of its executor; Spark combines the sums, by {@code treeReduce} or, where
 * bitwise determinism is asked for, collected and added in partition order. Tasks keep nothing between steps, so a
 * retried or speculative task gives the same sums.
 */
final class SparkRows implements DistributedRows, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkRows.class);

    private final JavaSparkContext jsc;
    private final JavaRDD<PartitionBlock> blocks;
    private final Broadcast<long[]> starts;
    private final int width;
    private final long size;
    private final boolean ordered;
    private final int depth;
    private final String description;
    private final Scaling scaling;
    private final int localSteps;
    private Broadcast<byte[]> file;
    private String key;
    private long steps;

    SparkRows(JavaSparkContext jsc, JavaRDD<PartitionBlock> blocks, long[] starts, int width, long size,
            boolean ordered, int depth, String description, Scaling scaling, int localSteps) {
        this.scaling = scaling;
        this.localSteps = localSteps;
        this.jsc = jsc;
        this.blocks = blocks;
        this.starts = jsc.broadcast(starts);
        this.width = width;
        this.size = size;
        this.ordered = ordered;
        this.depth = depth;
        this.description = description;
    }

    @Override
    public void start(byte[] modelFile) {
        if (file != null) {
            file.destroy();
            ExecutorModels.dropWorkers(key);
        }
        file = jsc.broadcast(modelFile);
        key = Hashing.sha256().hashBytes(modelFile).toString();
    }

    @Override
    public int localSteps() {
        return localSteps;
    }

    /** A round's broadcast: the driver's state, the optimiser, the sub-batches with their noise and settings. */
    private record Round(float[] parameters, float[][] slots, long step, String optimizerKind, double optimizerRate,
            double[] hyperparameters, int[][] batches, float[][] eps, double[] betas, double[] rates,
            double clipNorm, int latent) implements Serializable {
    }

    @Override
    public StateSum averagedRound(float[] parameters, float[][] slots, long step, Optimizer optimizer,
            int[][] batches, float[][] eps, double[] betas, double[] rates, double clipNorm) throws IOException {
        int rows = Arrays.stream(batches).mapToInt(b -> b.length).sum();
        int latent = rows == 0 ? 1 : Arrays.stream(eps).mapToInt(e -> e.length).sum() / rows;
        Round round = new Round(parameters, slots, step, optimizer.kind(), optimizer.learningRate(),
                optimizer.hyperparameters().stream().mapToDouble(Double::doubleValue).toArray(), batches, eps, betas,
                rates, clipNorm, latent);
        return job("round", round, r -> new LocalSteps(key, file, starts, r),
                StateSum.zero(parameters.length, slots.length), StateSum::plus);
    }

    /**
     * One Spark job: broadcasts {@code payload}, runs {@code task} on every partition block, combines the results
     * ({@link #combine}) and destroys the broadcast.
     *
     * @param what "step" or "round", for messages
     * @param payload what the tasks read
     * @param task the task, given the broadcast
     * @param zero the sum of nothing
     * @param plus how two results add
     * @return the combined results
     * @throws IOException naming the job if Spark fails it
     */
    private <B, T> T job(String what, B payload, java.util.function.Function<Broadcast<B>,
            Function<PartitionBlock, T>> task, T zero, Function2<T, T, T> plus) throws IOException {
        long t0 = System.nanoTime();
        Broadcast<B> broadcast = jsc.broadcast(payload);
        try {
            long t1 = System.nanoTime();
            JavaRDD<T> shares = blocks.map(task.apply(broadcast));
            steps++;
            T total = combine(shares, zero, plus);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {}: broadcast {} ms, job {} ms", what, steps, (t1 - t0) / 1e6,
                        (System.nanoTime() - t1) / 1e6);
            }
            return total;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw new IOException("the Spark job of " + what + " " + steps + " failed: " + e.getMessage(), e);
        } finally {
            broadcast.destroy();
        }
    }

    /** One task's local steps of a round, on its partition's rows of each sub-batch. */
    private record LocalSteps(String key, Broadcast<byte[]> file, Broadcast<long[]> starts, Broadcast<Round> round)
            implements Function<PartitionBlock, StateSum> {

        @Override
        public StateSum call(PartitionBlock block) {
            Round r = round.value();
            long from = starts.value()[block.partition()];
            int w = block.width();
            int k = r.batches().length;
            float[][] x = new float[k][];
            float[][] e = new float[k][];
            int[] counts = new int[k];
            for (int b = 0; b < k; b++) {
                int[] idx = r.batches()[b];
                x[b] = new float[idx.length * w];
                e[b] = new float[idx.length * r.latent()];
                counts[b] = gather(block, from, idx, r.eps()[b], r.latent(), x[b], e[b]);
            }
            if (Arrays.stream(counts).sum() == 0) {
                return StateSum.zero(r.parameters().length, r.slots().length);
            }
            Optimizer optimizer = Optimizer.of(r.optimizerKind(), r.optimizerRate(),
                    Arrays.stream(r.hyperparameters()).boxed().toList());
            GradientWorker worker = ExecutorModels.borrowWorker(key, file);
            try {
                return worker.localSteps(r.parameters(), r.slots(), r.step(), optimizer, x, e, counts, r.betas(),
                        r.rates(), r.clipNorm());
            } finally {
                ExecutorModels.release(key, worker);
            }
        }
    }

    @Override
    public Optional<Scaling> scaling() {
        return Optional.ofNullable(scaling);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public long size() {
        return size;
    }

    /** @return the steps run so far */
    long steps() {
        return steps;
    }

    /** The tasks' sums added in partition order when asked for, else by {@code treeReduce}. */
    private <T> T combine(JavaRDD<T> shares, T zero, Function2<T, T, T> plus) throws Exception {
        if (ordered) {
            T total = zero;
            for (T s : shares.collect()) {
                total = plus.call(total, s);
            }
            return total;
        }
        return shares.treeReduce(plus, depth);
    }

    /**
     * Copies the rows of a batch that lie in a partition, and their noise, to the front of {@code x} and {@code e}.
     *
     * @param block the partition's rows
     * @param from the global index of its first row
     * @param rows the batch's global row indices
     * @param eps the batch's noise, {@code latent} values a row
     * @param latent the latent width
     * @param x receives the rows, {@code block.width()} values each
     * @param e receives their noise
     * @return how many of the batch's rows the partition holds
     */
    private static int gather(PartitionBlock block, long from, int[] rows, float[] eps, int latent, float[] x,
            float[] e) {
        int w = block.width();
        long to = from + block.rows();
        int m = 0;
        for (int j = 0; j < rows.length; j++) {
            long r = rows[j];
            if (r >= from && r < to) {
                System.arraycopy(block.values(), (int) (r - from) * w, x, m * w, w);
                System.arraycopy(eps, j * latent, e, m * latent, latent);
                m++;
            }
        }
        return m;
    }

    /** A step's broadcast: the parameters, the batch's indices and noise, the settings. */
    private record Step(float[] parameters, int[] rows, float[] eps, double beta, int latent)
            implements Serializable {
    }

    @Override
    public GradientSum gradientSum(float[] parameters, int[] rows, int count, float[] eps, StepSettings settings)
            throws IOException {
        int latent = eps.length / Math.max(1, count);
        Step step = new Step(parameters, Arrays.copyOf(rows, count), eps, settings.beta(), latent);
        return job("step", step, st -> new Share(key, file, starts, st), GradientSum.zero(parameters.length),
                GradientSum::plus);
    }

    /** One task's share of a step: the batch's rows that lie in its partition. */
    private record Share(String key, Broadcast<byte[]> file, Broadcast<long[]> starts, Broadcast<Step> step)
            implements Function<PartitionBlock, GradientSum> {

        @Override
        public GradientSum call(PartitionBlock block) {
            Step s = step.value();
            long from = starts.value()[block.partition()];
            int w = block.width();
            float[] x = new float[s.rows().length * w];
            float[] e = new float[s.rows().length * s.latent()];
            int m = gather(block, from, s.rows(), s.eps(), s.latent(), x, e);
            if (m == 0) {
                return GradientSum.zero(s.parameters().length);
            }
            GradientWorker worker = ExecutorModels.borrowWorker(key, file);
            try {
                long t0 = System.nanoTime();
                GradientSum sum = worker.gradientSum(s.parameters(), x, e, m, new StepSettings(s.beta(), 0));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("partition {}: {} rows in {} ms", block.partition(), m, (System.nanoTime() - t0) / 1e6);
                }
                return sum;
            } finally {
                ExecutorModels.release(key, worker);
            }
        }
    }

    @Override
    public double elboSum(float[] parameters, int[] rows) throws IOException {
        Broadcast<float[]> p = jsc.broadcast(parameters);
        Broadcast<int[]> held = jsc.broadcast(rows);
        try {
            List<Double> sums = blocks.map(new Validate(key, file, starts, p, held)).collect();
            double total = 0;
            for (double s : sums) {
                total += s;
            }
            return total;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw new IOException("the Spark validation job failed: " + e.getMessage(), e);
        } finally {
            p.destroy();
            held.destroy();
        }
    }

    /** One task's sum of the held-out rows' ELBOs in its partition. */
    private record Validate(String key, Broadcast<byte[]> file, Broadcast<long[]> starts, Broadcast<float[]> p,
            Broadcast<int[]> held) implements Function<PartitionBlock, Double> {

        @Override
        public Double call(PartitionBlock block) {
            long from = starts.value()[block.partition()];
            int[] rows = held.value();
            int lo = lowerBound(rows, from);
            int hi = lowerBound(rows, from + block.rows());
            if (lo == hi) {
                return 0.0;
            }
            int w = block.width();
            float[][] x = new float[hi - lo][];
            for (int i = lo; i < hi; i++) {
                int at = (int) (rows[i] - from) * w;
                x[i - lo] = Arrays.copyOfRange(block.values(), at, at + w);
            }
            GradientWorker worker = ExecutorModels.borrowWorker(key, file);
            try {
                return worker.elboSum(p.value(), x);
            } finally {
                ExecutorModels.release(key, worker);
            }
        }

        private static int lowerBound(int[] sorted, long value) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Releases the broadcasts, the cached rows and this JVM's workers of the run. */
    @Override
    public void close() {
        if (file != null) {
            file.destroy();
            ExecutorModels.dropWorkers(key);
        }
        starts.destroy();
        blocks.unpersist(false);
    }

    @Override
    public String toString() {
        return description;
    }
}
