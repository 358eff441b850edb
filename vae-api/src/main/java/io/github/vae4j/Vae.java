package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.Ints;
import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.internal.AssembledLoss;
import io.github.vae4j.internal.Backends;
import io.github.vae4j.internal.Estimators;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.io.TrainingDefaults;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A variational autoencoder (Kingma and Welling 2013): an encoder q(z|x) giving a diagonal Gaussian over the latent
 * space, the reparameterisation z = mean + exp(logVariance / 2) * eps, a decoder p(x|z) with a pluggable
 * {@link Likelihood}, and a standard normal prior p(z). Training minimises
 * -ELBO = -E_q[log p(x|z)] + beta * KL(q(z|x) || p(z)) per example, in nats.
 *
 * <pre>{@code
 * Vae vae = Vae.builder().latent(10).hidden(512, 384, 256).epochs(30).build();
 * FitReport report = vae.fit(rows);   // float[][], one example a row
 * float[][] z = vae.encode(rows);      // posterior means, n x 10
 * float[][] x = vae.decode(z);         // likelihood means, n x inputSize
 * }</pre>
 *
 * <p>The builder says what the model is; a {@link Training} plan says how one run trains it (epochs, optimiser,
 * schedules, validation and early stopping, KL warm-up and free bits), over rows in memory or a {@link DataSource}
 * larger than memory: {@code vae.fit(DataSource.csv(path), Training.builder().epochs(20).build())}.
 *
 * <p>For images, {@link Builder#image(int, int, int)} and {@link Builder#conv(int...)} add a convolutional encoder
 * and a mirrored transposed-convolution decoder; rows stay rows of pixels (row-major, channels last), so every method
 * works the same: {@code Vae.builder().image(28, 28, 1).conv(32, 64).latent(10).build()}.
 *
 * <p>Every array from the caller is checked before anything changes: a rejected call leaves the model as it was.
 * Data arrays are never kept or modified. Inference methods may be called from many threads at once and give the
 * same answers as one thread; {@code fit} waits for running inference calls to finish and holds new ones back
 * until it returns (its listeners may call inference methods on the training thread). Inference on any number of
 * rows works in chunks, in bounded memory.
 *
 * <p>The model holds native memory (parameters and gradients, 8 bytes per parameter, plus activation buffers) and heap
 * memory (the optimiser's state, up to 8 bytes per parameter). After {@link #close()} the model refuses work and
 * drops its buffers; the ND4J backend's native memory is then freed when the garbage collector collects them.
 */
public final class Vae implements AutoCloseable {

    /** Largest number of importance samples per row accepted by {@link #logLikelihood}. */
    public static final int MAX_IMPORTANCE_SAMPLES = 1_000_000;

    private final VaeState state;
    private final FitSession session;
    private final Inference inference;
    private final TableMethods tables;

    /** @return a builder with the defaults: latent 10, hidden 512, 384, 256, Bernoulli, batch 100, Adam 1e-3 */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------- training

    /**
     * Trains with the model's default plan ({@link #defaultTraining()}: the builder's epochs, batch size, learning
     * rate and beta), continuing from the current parameters.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @return the per-epoch history of this call
     * @throws IllegalArgumentException if data is empty, ragged, non-finite, of the wrong width or (Bernoulli) outside
     *     [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data) {
        return fit(data, Training.defaults());
    }

    /**
     * Trains with the model's default plan, reporting progress. If the calling thread is interrupted, training stops
     * after the current step and returns a report with {@link StopReason#INTERRUPTED}; the interrupt flag stays set.
     * The model keeps the parameters of its last step, and a configured checkpoint file keeps the last epoch
     * boundary, from which a resumed run is exact.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param listener receives per-step and per-epoch reports; may be {@code null}
     * @return the per-epoch history of this call
     * @throws IllegalArgumentException if data is empty, ragged, non-finite, of the wrong width or (Bernoulli) outside
     *     [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, TrainingListener listener) {
        return fit(data, listener == null ? Training.defaults() : Training.builder().listener(listener).build());
    }

    /**
     * Runs a training plan on rows in memory, continuing from the current parameters. The data and any validation
     * rows are checked before anything changes.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param plan how to train; options it leaves unset take the model's defaults
     * @return the per-epoch history of this run
     * @throws IllegalArgumentException if data or the validation rows are empty, ragged, non-finite, of the wrong
     *     width or (Bernoulli) outside [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, Training plan) {
        checkNotNull(plan, "training plan");
        return state.write(() -> session.fit(data, plan));
    }

    /**
     * Trains a conditional model ({@link Builder#conditions(int)}) with its default training settings: the encoder
     * learns q(z|x, c), the decoder p(x|z, c), the prior stays p(z). A one-hot label is a condition; so is any real
     * vector.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param conditions their conditions, {@code n x conditions}, finite
     * @return the per-epoch history of this call
     * @throws IllegalArgumentException if data or the conditions are empty, ragged, non-finite, of the wrong width,
     *     or not one condition per row; nothing changes
     * @throws IllegalStateException if the model is not conditional
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, float[][] conditions) {
        return fit(data, conditions, Training.defaults());
    }

    /**
     * Runs a training plan on a conditional model. The plan's validation rows, if any, carry their conditions: each
     * is the example followed by its condition ({@code inputSize + conditions} values).
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param conditions their conditions, {@code n x conditions}, finite
     * @param plan how to train; options it leaves unset take the model's defaults
     * @return the per-epoch history of this run
     * @throws IllegalArgumentException if data, the conditions or the validation rows are invalid; nothing changes
     * @throws IllegalStateException if the model is not conditional
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, float[][] conditions, Training plan) {
        checkNotNull(plan, "training plan");
        checkNotNull(conditions, "conditions");
        return state.write(() -> session.fit(data, conditions, plan));
    }

    /**
     * Runs a training plan on a data source, continuing from the current parameters: rows are read once per epoch
     * and shuffled through a bounded buffer ({@link Training.Builder#shuffleBuffer(int)}), so the source may be
     * larger than memory. A model loaded from a checkpoint written before the end of its run continues that run:
     * the plan's epochs count from the run's start.
     *
     * @param data the training rows, {@code width} values each; for Bernoulli every value in [0, 1]; a conditional
     *     model's rows carry their condition, each the example followed by its {@code conditions} values
     * @param plan how to train; options it leaves unset take the model's defaults
     * @return the per-epoch history of this run
     * @throws IllegalArgumentException if the source's width does not fit the model, validation rows are invalid
     *     (nothing changes then), or a row read is invalid (named by source, line and column; the model goes back to
     *     the start of the epoch that read it)
     * @throws java.io.UncheckedIOException if reading the source fails; the model goes back to the start of the epoch
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(DataSource data, Training plan) {
        checkNotNull(data, "data source");
        checkNotNull(plan, "training plan");
        return state.write(() -> session.fit(data, plan));
    }

    /**
     * Trains on rows that stay where they are, the partitions of a cluster (see {@link DistributedRows}; the
     * {@code vae-spark} module gives them for a Spark {@code Dataset}). The run is the one {@link #fit(float[][],
     * Training)} makes of the same rows in the same order: the same permutation, batches and noise, each step's
     * gradient summed over the rows where they are and the update made here, so the result equals training on one
     * machine up to float rounding. Everything in the plan applies except free bits, which need the whole batch's KL
     * per latent dimension at once.
     *
     * @param rows the training rows, checked where they are
     * @param plan how to train
     * @return what the run did
     * <p>A tabular model trains on encoded rows, whose {@link DistributedRows#scaling()} the model keeps (a model that
     * has a scaling already must be given rows encoded with it).
     *
     * @throws IllegalArgumentException if the rows' width does not match the model, there are none, the plan asks
     *     for free bits, or a tabular model's rows have no scaling or another one than the model's
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(DistributedRows rows, Training plan) {
        checkNotNull(rows, "distributed rows");
        checkNotNull(plan, "training plan");
        return state.write(() -> session.fit(rows, plan));
    }

    /**
     * The plan that {@link #fit(float[][])} runs: the builder's (or the model file's) epochs, batch size and beta,
     * the model's optimiser, and the builder's checkpoint file.
     *
     * @return the plan, every option set
     */
    public Training defaultTraining() {
        return state.read(session::defaultTraining);
    }

    /**
     * @return whether the model holds a run that a checkpoint was written in before its end, which the next
     *     {@code fit} continues
     */
    public boolean hasUnfinishedRun() {
        return state.read(() -> state.life.pendingRun != null);
    }

    // ------------------------------------------------------------------------------------------------ inference

    /**
     * The posterior means E_q[z|x], deterministic.
     *
     * @param x examples, {@code n x inputSize}
     * @return {@code n x latentSize} means
     * @throws IllegalArgumentException if x is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet (never fitted, no {@code inputSize} given)
     */
    public float[][] encode(float[][] x) {
        return state.read(() -> inference.encode(x, null));
    }

    /**
     * A conditional model's posterior means E_q[z|x, c], deterministic.
     *
     * @param x examples, {@code n x inputSize}
     * @param conditions their conditions, {@code n x conditions}
     * @return {@code n x latentSize} means
     * @throws IllegalArgumentException if x or the conditions are ragged, non-finite, of the wrong width, or not one
     *     condition per row
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] encode(float[][] x, float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> inference.encode(x, conditions));
    }

    /**
     * The means of p(x|z): probabilities in [0, 1] for Bernoulli, Gaussian means otherwise.
     *
     * @param z latent points, {@code n x latentSize}
     * @return {@code n x inputSize} means
     * @throws IllegalArgumentException if z is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] decode(float[][] z) {
        return state.read(() -> inference.decode(z, null));
    }

    /**
     * A conditional model's means of p(x|z, c).
     *
     * @param z latent points, {@code n x latentSize}
     * @param conditions their conditions, {@code n x conditions}
     * @return {@code n x inputSize} means
     * @throws IllegalArgumentException if z or the conditions are ragged, non-finite, of the wrong width, or not one
     *     condition per point
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] decode(float[][] z, float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> inference.decode(z, conditions));
    }

    /**
     * Encodes to the posterior means and decodes them: {@code decode(encode(x))}, deterministic.
     *
     * @param x examples, {@code n x inputSize}
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if x is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] reconstruct(float[][] x) {
        return state.read(() -> inference.reconstruct(x, null));
    }

    /**
     * A conditional model's reconstruction: the posterior means given x and c, decoded given c.
     *
     * @param x examples, {@code n x inputSize}
     * @param conditions their conditions, {@code n x conditions}
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if x or the conditions are ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] reconstruct(float[][] x, float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> inference.reconstruct(x, conditions));
    }

    /**
     * Draws z from the prior and decodes it. Successive calls give new samples; the sequence is fixed by the seed.
     *
     * @param n number of samples, 0 or more
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] sample(int n) {
        return state.read(() -> inference.sample(n, null, state.samplingRandom, true));
    }

    /**
     * A conditional model's samples of one kind: z drawn from the prior, decoded given the same condition (a one-hot
     * label asks for that class). Successive calls give new samples; the sequence is fixed by the seed.
     *
     * @param n number of samples, 0 or more
     * @param condition the condition of every sample, {@code conditions} values
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative, or the condition is of the wrong width or non-finite
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] sample(int n, float[] condition) {
        return state.read(() -> inference.sample(n, Conditioning.repeat(state.config, condition, n),
                state.samplingRandom, true));
    }

    /**
     * A conditional model's samples, one for each condition given.
     *
     * @param conditions one condition per sample, {@code n x conditions}
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if the conditions are ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] sample(float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> inference.sample(conditions.length, conditions, state.samplingRandom, true));
    }

    /**
     * A conditional model's samples with a seed of their own: the same seed and condition give the same samples.
     *
     * @param n number of samples, 0 or more
     * @param condition the condition of every sample, {@code conditions} values
     * @param seed the seed of the latent draws
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative, or the condition is of the wrong width or non-finite
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public float[][] sample(int n, float[] condition, long seed) {
        return state.read(() -> inference.sample(n, Conditioning.repeat(state.config, condition, n),
                new RandomStream(seed), false));
    }

    /**
     * Draws z from the prior with the given seed and decodes it: the same seed gives the same samples.
     *
     * @param n number of samples, 0 or more
     * @param seed the seed of the latent draws
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] sample(int n, long seed) {
        return state.read(() -> inference.sample(n, null, new RandomStream(seed), false));
    }

    /**
     * The evidence lower bound E_q[log p(x|z)] - KL(q(z|x) || p(z)) of each row (beta = 1 whatever the training
     * beta), estimated with one latent sample per row. The samples come from a fixed seed, so repeated calls agree.
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @return n values in nats, each a lower bound on log p(x)
     * @throws IllegalArgumentException if x is ragged, non-finite, of the wrong width or (Bernoulli) outside [0, 1]
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] elbo(float[][] x) {
        return state.read(() -> Estimators.elbo(state.requireModel("elbo"),
                modelRows(x, null, "elbo(x)", "elbo(x, conditions)")));
    }

    /**
     * A conditional model's ELBO of each row given its condition: E_q[log p(x|z, c)] - KL(q(z|x, c) || p(z)), as
     * {@link #elbo(float[][])} estimates it.
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @param conditions their conditions, {@code n x conditions}
     * @return n values in nats, each a lower bound on log p(x | c)
     * @throws IllegalArgumentException if x or the conditions are ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public double[] elbo(float[][] x, float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> Estimators.elbo(state.requireModel("elbo"),
                modelRows(x, conditions, "elbo(x)", "elbo(x, conditions)")));
    }

    /** Rows checked for the likelihood, each followed by its condition in a conditional model. Read lock held. */
    private float[][] modelRows(float[][] x, float[][] conditions, String call, String conditionalCall) {
        state.requireModel(call);
        state.checkRows(x, "x", state.config.inputSize(), state.widthMeaning());
        return inference.withConditions(x, conditions, call, conditionalCall);
    }

    /**
     * An importance-weighted estimate of log p(x) per row (the IWAE bound, Burda et al. 2015): the log of the mean
     * over {@code k} samples z_s from q(z|x) of p(x|z_s) p(z_s) / q(z_s|x). With k = 1 it is a one-sample ELBO; it
     * tightens towards log p(x) as k grows. The samples come from a fixed seed, so repeated calls agree.
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @param k importance samples per row, 1 to {@value #MAX_IMPORTANCE_SAMPLES}
     * @return n values in nats
     * @throws IllegalArgumentException if k is out of range, or x is ragged, non-finite, of the wrong width or
     *     (Bernoulli) outside [0, 1]
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] logLikelihood(float[][] x, int k) {
        checkSamples(k);
        return state.read(() -> Estimators.logLikelihood(state.requireModel("logLikelihood"),
                modelRows(x, null, "logLikelihood(x, k)", "logLikelihood(x, conditions, k)"), k));
    }

    /**
     * A conditional model's importance-weighted estimate of log p(x | c) per row, as
     * {@link #logLikelihood(float[][], int)} estimates log p(x).
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @param conditions their conditions, {@code n x conditions}
     * @param k importance samples per row, 1 to {@value #MAX_IMPORTANCE_SAMPLES}
     * @return n values in nats
     * @throws IllegalArgumentException if k is out of range, or x or the conditions are ragged, non-finite or of
     *     the wrong width
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public double[] logLikelihood(float[][] x, float[][] conditions, int k) {
        checkSamples(k);
        checkNotNull(conditions, "conditions");
        return state.read(() -> Estimators.logLikelihood(state.requireModel("logLikelihood"),
                modelRows(x, conditions, "logLikelihood(x, k)", "logLikelihood(x, conditions, k)"), k));
    }

    /**
     * How much each latent dimension is used: the variance across the rows of x of its posterior mean E_q[z_j|x]
     * (Burda et al. 2015). A dimension the model ignores has the same posterior, the prior, for every row.
     *
     * @param x examples, {@code n x inputSize}, n at least 1
     * @return latentSize variances, in squared latent units
     * @throws IllegalArgumentException if x is empty, ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] latentActivity(float[][] x) {
        return state.read(() -> latentActivity(x, null, "latentActivity(x)"));
    }

    /**
     * A conditional model's {@link #latentActivity(float[][])}: the variance across the rows of x of E_q[z_j|x, c].
     * A dimension that only carries what the condition already says is inactive here.
     *
     * @param x examples, {@code n x inputSize}, n at least 1
     * @param conditions their conditions, {@code n x conditions}
     * @return latentSize variances, in squared latent units
     * @throws IllegalArgumentException if x or the conditions are empty, ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model is not conditional, or has no input size yet
     */
    public double[] latentActivity(float[][] x, float[][] conditions) {
        checkNotNull(conditions, "conditions");
        return state.read(() -> latentActivity(x, conditions, "latentActivity(x)"));
    }

    /** Read lock held. */
    private double[] latentActivity(float[][] x, float[][] conditions, String call) {
        BackendModel m = state.requireModel("latentActivity");
        float[][] rows = inference.checkedRows(x, conditions, call, "latentActivity(x, conditions)");
        checkArgument(x.length > 0, "x has no rows");
        return Estimators.latentActivity(m, rows);
    }

    /**
     * The number of active latent dimensions (Burda et al. 2015): those whose {@link #latentActivity} over x exceeds
     * 0.01. Fewer active units than the latent size is a sign of posterior collapse.
     *
     * @param x examples, {@code n x inputSize}, n at least 1
     * @return 0 to latentSize
     * @throws IllegalArgumentException if x is empty, ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public int activeUnits(float[][] x) {
        return Estimators.activeUnits(latentActivity(x));
    }

    // --------------------------------------------------------------------------------------------------- tables

    /** Importance samples per row of {@link #anomalyScores(Table)}. */
    public static final int DEFAULT_SCORE_SAMPLES = 100;

    /**
     * Trains a tabular model with its default plan. At the first fit the numeric columns' standardisation is fitted
     * on these rows (mean and standard deviation, after any log transform) and kept in the model.
     *
     * @param table rows of the model's schema, at least 1
     * @return the per-epoch history of this run
     * @throws IllegalStateException if the model has no schema
     * @throws IllegalArgumentException if the table's schema is not the model's, or it has no rows
     */
    public FitReport fit(Table table) {
        return fit(table, Training.defaults());
    }

    /**
     * Runs a training plan on a table of the model's schema; see {@link #fit(Table)}. Missing entries are left out of
     * the reconstruction term.
     *
     * @param table rows of the model's schema, at least 1
     * @param plan how to train; {@link Training.Builder#validation(Table)} gives validation rows
     * @return the per-epoch history of this run
     * @throws IllegalStateException if the model has no schema
     * @throws IllegalArgumentException if the table's schema is not the model's, or it has no rows
     */
    public FitReport fit(Table table, Training plan) {
        checkNotNull(table, "table");
        checkNotNull(plan, "training plan");
        return state.write(() -> session.fit(table, plan));
    }

    /**
     * How unusual each row is to a tabular model: -log p(x), estimated by importance weighting with
     * {@value #DEFAULT_SCORE_SAMPLES} samples (the IWAE bound of {@link #logLikelihood}), in nats; higher is more
     * unusual. A row's score depends on the row alone, not on the rows scored with it (up to float rounding, about
     * 1e-5 relative). Missing entries do not count. A row so far from the training data that p(x) underflows scores
     * positive infinity, the most anomalous value; no score is NaN. With condition columns in the schema
     * ({@link Schema#conditionNames()}), the score is -log p(x | c): how unusual the row's other columns are given its
     * own condition columns, its context.
     *
     * @param table rows of the model's schema
     * @return one score per row, nats
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public double[] anomalyScores(Table table) {
        return anomalyScores(table, DEFAULT_SCORE_SAMPLES);
    }

    /**
     * As {@link #anomalyScores(Table)}, with {@code k} importance samples a row: more is a tighter estimate and costs
     * k decoder passes a row.
     *
     * @param table rows of the model's schema
     * @param k importance samples per row, 1 to {@value #MAX_IMPORTANCE_SAMPLES}
     * @return one score per row, -log p(x) in nats
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public double[] anomalyScores(Table table, int k) {
        checkSamples(k);
        return state.read(() -> tables.anomalyScores(table, k));
    }

    /**
     * Why each row looks the way it does to the model: each column's negative log-likelihood under the decoder at
     * the row's posterior mean, in nats (0 for a missing entry), largest first, and the KL divergence of its
     * posterior from the prior ({@link Explanation#latentNats()}). The columns an unusual row owes its reconstruction
     * term to come first.
     *
     * @param table rows of the model's schema
     * @return one explanation per row
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public List<Explanation> explain(Table table) {
        return state.read(() -> tables.explain(table));
    }

    /**
     * Fills the missing entries of a table with what the model expects there: the decoder's mean (numeric columns, in
     * their own units) or most probable level (binary and categorical columns), at the row's posterior mean given the
     * entries that are present. Present entries are kept as they are.
     *
     * @param table rows of the model's schema
     * @return the table with no missing entry
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table impute(Table table) {
        return state.read(() -> tables.impute(table));
    }

    /**
     * Synthetic rows in the columns' own units and levels: z drawn from the prior, then each entry drawn from the
     * decoder's distribution p(x|z). Successive calls give new rows; the sequence is fixed by the seed.
     *
     * @param n rows, 0 or more
     * @return the rows
     * @throws IllegalArgumentException if n is negative, or the schema has condition columns (ask for their values
     *     with {@link #sampleTable(int, Map)})
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n) {
        return sampleTable(n, Map.of());
    }

    /**
     * Synthetic rows of a chosen kind from a model whose schema has condition columns: z drawn from the prior, each
     * entry drawn from p(x|z, c) given the condition columns' values; the rows hold those values in their condition
     * columns. {@code sampleTable(500, Map.of("Status", "bad"))} gives 500 rows of the class {@code bad}, to balance
     * a data set. Successive calls give new rows; the sequence is fixed by the seed.
     *
     * @param n rows, 0 or more
     * @param conditions a value for every condition column, by name: a level ({@code String}) of a binary or
     *     categorical column, a {@code Number} in a numeric column's own units; empty for a schema without conditions
     * @return the rows
     * @throws IllegalArgumentException if n is negative, a condition column has no value, a name is not a condition
     *     column, or a level is unknown or a number not finite (named)
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n, Map<String, ?> conditions) {
        synchronized (state.samplingRandom) {
            return state.read(() -> tables.sampleTable(n, conditions, state.samplingRandom));
        }
    }

    /**
     * As {@link #sampleTable(int, Map)}, with a seed of its own: the same seed and conditions give the same rows.
     *
     * @param n rows, 0 or more
     * @param conditions a value for every condition column, by name
     * @param seed the seed of the draws
     * @return the rows
     * @throws IllegalArgumentException if n is negative or the conditions do not fit the schema (named)
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n, Map<String, ?> conditions, long seed) {
        return state.read(() -> tables.sampleTable(n, conditions, new RandomStream(seed)));
    }

    /**
     * As {@link #sampleTable(int)}, with a seed of its own: the same seed gives the same rows.
     *
     * @param n rows, 0 or more
     * @param seed the seed of the draws
     * @return the rows
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n, long seed) {
        return sampleTable(n, Map.of(), seed);
    }

    /**
     * The posterior means of a table's rows: an embedding of each row in the latent space.
     *
     * @param table rows of the model's schema
     * @return {@code rowCount x latentSize} means
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public float[][] encode(Table table) {
        return state.read(() -> tables.encode(table));
    }

    /**
     * A table's rows encoded for the network (see {@link io.github.vae4j.tabular.TabularEncoding}): what
     * {@link #encode(float[][])}, {@link #elbo(float[][])} and {@link #logLikelihood(float[][], int)} take for a
     * tabular model.
     *
     * @param table rows of the model's schema
     * @return {@code rowCount x inputSize} values
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public float[][] encodeRows(Table table) {
        return state.read(() -> tables.encodeRows(table));
    }

    /** @return the columns of a tabular model, or {@code null} for other models */
    public Schema schema() {
        return state.config.schema();
    }

    /** @return a tabular model's fitted standardisation, or {@code null} before its first fit and for other models */
    public Scaling scaling() {
        return state.scaling;
    }

    // ----------------------------------------------------------------------------------------------- components

    /**
     * @return the encoder q(z|x), which works on flat row-major arrays without the edge checks of this class
     * @throws IllegalStateException if the model has no input size yet
     */
    public Encoder encoder() {
        return state.requireModel("encoder").encoder();
    }

    /**
     * @return the decoder p(x|z)
     * @throws IllegalStateException if the model has no input size yet
     */
    public Decoder decoder() {
        return state.requireModel("decoder").decoder();
    }

    /**
     * @return the prior p(z)
     * @throws IllegalStateException if the model has no input size yet
     */
    public Prior prior() {
        return state.requireModel("prior").prior();
    }

    /**
     * @return the loss, -ELBO and the importance weights, assembled from {@link #encoder()}, {@link #decoder()} and
     *     {@link #prior()}; safe to use from many threads
     * @throws IllegalStateException if the model has no input size yet
     */
    public Loss loss() {
        return new AssembledLoss(state.requireModel("loss"));
    }

    // ------------------------------------------------------------------------------------------------- metadata

    /** @return the architecture; its input size is 0 until known */
    public VaeConfig config() {
        return state.config;
    }

    /**
     * @return the training settings a plan that leaves them unset takes; epochs {@link TrainingDefaults#EPOCHS_BY_DATA}
     *     where they are sized by the training data
     */
    public TrainingDefaults trainingDefaults() {
        return state.defaults;
    }

    /** @return the model's optimiser, with its hyperparameters: the default of a plan that sets none */
    public Optimizer optimizer() {
        return state.read(() -> state.optimizer);
    }

    /**
     * @return features per example
     * @throws IllegalStateException if not known yet (never fitted, no {@code inputSize} given)
     */
    public int inputSize() {
        state.requireModel("inputSize");
        return state.config.inputSize();
    }

    /** @return the latent dimension */
    public int latentSize() {
        return state.config.latentSize();
    }

    /** @return values per row of a conditional model's condition; 0 for an unconditional model */
    public int conditions() {
        return state.config.conditions();
    }

    /** @return epochs completed over the model's life, across every {@code fit} */
    public int epochsCompleted() {
        return state.life.epochsCompleted;
    }

    private static void checkSamples(int k) {
        checkArgument(k >= 1 && k <= MAX_IMPORTANCE_SAMPLES, "importance samples k must be between 1 and %s, got %s",
                MAX_IMPORTANCE_SAMPLES, k);
    }

    /** @return the number of trainable parameters, 0 while the input size is unknown */
    public long parameterCount() {
        BackendModel m = state.model;
        return m == null ? 0 : m.parameterCount();
    }

    /**
     * @return what computes: the device, the engine and its settings (for the CPU: binary level, BLAS, threads,
     *     kernels; for CUDA: the GPU); or the backend's name and device while no model exists yet
     */
    public String backendDescription() {
        BackendModel m = state.model;
        return m == null ? state.backend.name() + " (" + state.backend.device() + ")" : m.description();
    }

    /** @return the device this model computes on, {@link Device#CPU} or {@link Device#CUDA} */
    public Device device() {
        return state.backend.device();
    }

    // ---------------------------------------------------------------------------------------------- persistence

    /**
     * Saves the model, its optimiser state and its provenance. The file is written to a temporary file in the same
     * folder and renamed over {@code path}, so a crash never leaves a half-written model.
     *
     * @param path the file to write
     * @throws IOException if writing fails
     * @throws IllegalStateException if the model has no input size yet
     * @throws IllegalArgumentException if the model exceeds the file format's limits (see
     *     {@link io.github.vae4j.io.ModelFile}); nothing is written
     */
    public void save(Path path) throws IOException {
        checkNotNull(path, "path");
        state.read(() -> {
            Persistence.save(state, path);
            return null;
        });
    }

    /**
     * Loads a model saved by {@link #save(Path)}, ready for inference and for further training.
     *
     * @param path the file to read
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the file is not a valid model file: truncated, corrupted,
     *     of a newer format or inconsistent
     * @throws IOException if reading fails
     * @throws BackendNotFoundException if no backend is on the class path
     */
    public static Vae load(Path path) throws IOException {
        return load(path, Device.AUTO);
    }

    /**
     * Loads a model saved by {@link #save(Path)} to compute on the given device: a model saved on one device loads
     * on the other and gives the same answers to float rounding.
     *
     * @param path the file to read
     * @param device where the model computes ({@link Vae.Builder#device(Device)} says how it is chosen)
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the file is not a valid model file: truncated, corrupted,
     *     of a newer format or inconsistent
     * @throws IOException if reading fails
     * @throws BackendNotFoundException if no backend is on the class path, or the device cannot be used here
     */
    public static Vae load(Path path, Device device) throws IOException {
        checkNotNull(path, "path");
        checkNotNull(device, "device");
        return new Vae(Persistence.load(path, device));
    }

    /**
     * The model as the bytes of a model file, exactly what {@link #save(Path)} writes: for a model kept in memory,
     * a database or sent over a network (a Spark broadcast).
     *
     * @return the file's bytes
     * @throws IllegalStateException if the model was never trained or is closed
     */
    public byte[] toBytes() {
        return state.read(() -> Persistence.toBytes(state));
    }

    /**
     * Loads a model from the bytes of a model file, as {@link #load(Path)} loads a file.
     *
     * @param modelFile the bytes of a model file ({@link #toBytes()}, or a file's content)
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the decoded model does not fit in memory
     * @throws BackendNotFoundException if no backend is on the class path
     */
    public static Vae fromBytes(byte[] modelFile) throws IOException {
        checkNotNull(modelFile, "model file bytes");
        return new Vae(Persistence.fromBytes(modelFile));
    }

    private Vae(VaeState state) {
        this.state = state;
        this.session = new FitSession(state);
        this.inference = new Inference(state);
        this.tables = new TableMethods(state, inference);
    }

    /** Ends the model: later calls fail with {@link IllegalStateException}, and its buffers are dropped. */
    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        VaeConfig config = state.config;
        return "Vae[" + (config.hasInputSize() ? VaeState.describeArchitecture(config) : "input size unknown, latent "
                + config.latentSize()) + ", epochs completed " + state.life.epochsCompleted + "]";
    }

    // -------------------------------------------------------------------------------------------------- builder

    /**
     * Configures a {@link Vae}. Each setter rejects an impossible value at once with
     * {@link IllegalArgumentException}; {@link #build()} checks the whole.
     */
    public static final class Builder {

        private int inputSize;
        private int latent = 10;
        private int[] hidden;
        private ImageShape image;
        /** Each setter replaces it with a copy, so that {@link Convolutions} alone validates the values. */
        private Convolutions convolutions = Convolutions.NONE;
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private Schema schema;
        private GaussianVariance gaussianVariance = GaussianVariance.learned();
        private LatentPrior prior = LatentPrior.STANDARD_NORMAL;
        /** The training defaults, validated by the plan's own setters. */
        private final Training.Builder defaults = Training.builder();
        private Optimizer optimizer = Optimizer.adam(TrainingDefaults.LEARNING_RATE);
        private long seed = 42;
        private int conditions;
        private VaeState.Checkpoints checkpoints = VaeState.Checkpoints.NONE;
        private Device device = Device.AUTO;

        private Builder() {
        }

        /**
         * Where the model computes. {@link Device#AUTO}, the default, uses a usable GPU when the CUDA backend
         * ({@code io.github.vae4j:vae-cuda}) is on the class path, else the CPU, and logs one line saying which and
         * why; at {@code AUTO} the system property {@value Device#DEVICE_PROPERTY} or the environment variable
         * {@value Device#DEVICE_ENV} may name the device instead. {@link Device#CPU} and {@link Device#CUDA} insist:
         * {@link #build()} then fails with a {@link BackendNotFoundException} naming the cause (no {@code vae-cuda}
         * on the class path, no driver, no device, no CUDA runtime) and what to add. The device is not part of the
         * model: a model saved on one loads on the other.
         *
         * @param value the device
         * @return this builder
         */
        public Builder device(Device value) {
            this.device = checkNotNull(value, "device");
            return this;
        }

        /**
         * Saves the model, with its optimiser state, random streams and the run's progress, to {@code file} after
         * every {@code everyEpochs} epochs and at the end of each run, unless a {@link Training} plan sets its own
         * checkpoint. Each save is atomic, so the file always holds the last complete checkpoint, whatever stops
         * training (an exception, an interrupt, a killed process); {@link Vae#load(Path)} resumes from it, and
         * {@code fit} with the same data and plan continues the run, giving the same model as an uninterrupted run.
         *
         * @param file the checkpoint file, replaced at each save
         * @param everyEpochs how often, in epochs; positive
         * @return this builder
         */
        public Builder checkpoint(Path file, int everyEpochs) {
            defaults.checkpoint(file, everyEpochs);
            this.checkpoints = new VaeState.Checkpoints(file, everyEpochs);
            return this;
        }

        /**
         * @param size features per example; optional, otherwise taken from the first {@code fit}
         * @return this builder
         */
        public Builder inputSize(int size) {
            checkArgument(size > 0 && size <= VaeConfig.MAX_LAYER_SIZE, "input size must be between 1 and %s, got %s",
                    VaeConfig.MAX_LAYER_SIZE, size);
            this.inputSize = size;
            return this;
        }

        /**
         * @param size dimension of the latent space; default 10
         * @return this builder
         */
        public Builder latent(int size) {
            checkArgument(size > 0 && size <= VaeConfig.MAX_LAYER_SIZE, "latent size must be between 1 and %s, got %s",
                    VaeConfig.MAX_LAYER_SIZE, size);
            this.latent = size;
            return this;
        }

        /**
         * @param sizes widths of the encoder's dense hidden layers, input side first, after any convolutions (the
         *     decoder mirrors them); none for a linear encoder and decoder; default 512, 384, 256, or 256 for a
         *     model with convolutions
         * @return this builder
         */
        public Builder hidden(int... sizes) {
            checkNotNull(sizes, "hidden sizes");
            for (int i = 0; i < sizes.length; i++) {
                checkArgument(sizes[i] > 0 && sizes[i] <= VaeConfig.MAX_LAYER_SIZE,
                        "hidden layer %s size must be between 1 and %s, got %s", i, VaeConfig.MAX_LAYER_SIZE, sizes[i]);
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * Declares that examples are images of this shape, each a row of {@code height * width * channels} values
         * in row-major, channels-last order (see {@link ImageShape}). It sets the input size, and is needed by
         * {@link #conv(int...)}.
         *
         * @param height rows of pixels, positive
         * @param width columns of pixels, positive
         * @param channels values per pixel, positive (1 for grey, 3 for RGB)
         * @return this builder
         */
        public Builder image(int height, int width, int channels) {
            this.image = new ImageShape(height, width, channels);
            return this;
        }

        /**
         * Adds a convolutional encoder and a mirrored transposed-convolution decoder (see {@link Convolutions}):
         * one convolution with ReLU per entry, input side first, before the dense hidden layers. Needs
         * {@link #image(int, int, int)}. The defaults, kernel 3, stride 2 and {@link Convolutions.Padding#SAME},
         * halve the height and width at each layer: {@code image(28, 28, 1).conv(32, 64)} gives 14x14x32, then
         * 7x7x64.
         *
         * @param filters output channels of each convolution, each positive; none for a dense model (the default)
         * @return this builder
         */
        public Builder conv(int... filters) {
            checkNotNull(filters, "convolution filters");
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(Ints.asList(filters), c.kernelSize(), c.stride(), c.padding());
            return this;
        }

        /**
         * @param size height and width of every convolution kernel, in pixels, 1 to {@link Convolutions#MAX_KERNEL};
         *     default 3
         * @return this builder
         */
        public Builder convKernel(int size) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), size, c.stride(), c.padding());
            return this;
        }

        /**
         * @param step stride of every convolution in both directions, in pixels, 1 to
         *     {@link Convolutions#MAX_KERNEL}; default 2
         * @return this builder
         */
        public Builder convStride(int step) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), c.kernelSize(), step, c.padding());
            return this;
        }

        /**
         * @param padding how every convolution treats the border; default {@link Convolutions.Padding#SAME}
         * @return this builder
         */
        public Builder convPadding(Convolutions.Padding padding) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), c.kernelSize(), c.stride(), padding);
            return this;
        }

        /**
         * Makes a tabular model of these columns: one likelihood per column ({@link Likelihood#TABULAR}), the input
         * size fixed by the schema. It trains on tables ({@link Vae#fit(Table)}).
         *
         * @param columns the schema, for example {@code Table.inferSchema(path)}
         * @return this builder
         */
        public Builder schema(Schema columns) {
            this.schema = checkNotNull(columns, "schema");
            this.likelihood = Likelihood.TABULAR;
            return this;
        }

        /**
         * @param likelihood the decoder's distribution; default {@link Likelihood#BERNOULLI}
         * @return this builder
         */
        public Builder likelihood(Likelihood likelihood) {
            this.likelihood = checkNotNull(likelihood, "likelihood");
            return this;
        }

        /**
         * The prior p(z). The default, {@link LatentPrior#STANDARD_NORMAL}, has a closed-form KL; another prior (such
         * as {@link LatentPrior#mixture(int, double, double)}) has its KL estimated at each training sample, and
         * cannot be trained with free bits.
         *
         * @param value the prior
         * @return this builder
         */
        public Builder prior(LatentPrior value) {
            this.prior = checkNotNull(value, "prior");
            return this;
        }

        /**
         * @param variance how a Gaussian decoder's variance is obtained; default learned with floor 1e-3
         * @return this builder
         */
        public Builder gaussianVariance(GaussianVariance variance) {
            this.gaussianVariance = checkNotNull(variance, "Gaussian variance");
            return this;
        }

        /**
         * @param weight weight of the KL term in the training loss, finite and >= 0; default 1 (the plain ELBO); the
         *     default of {@link Training.Builder#beta(double)}
         * @return this builder
         */
        public Builder beta(double weight) {
            defaults.beta(weight);
            return this;
        }

        /**
         * @param maxNorm the global L2 norm a step's gradient is scaled down to when larger, positive; the default of
         *     {@link Training.Builder#clipGradientNorm(double)}; default none, or
         *     {@value TrainingDefaults#TABULAR_CLIP_NORM} for a model with a schema
         * @return this builder
         */
        public Builder clipGradientNorm(double maxNorm) {
            defaults.clipGradientNorm(maxNorm);
            return this;
        }

        /**
         * @param count passes over the data per {@code fit}, >= 0; default 10, or for a tabular model epochs sized by
         *     the data ({@link TrainingDefaults#EPOCHS_BY_DATA}: 10, or as many as make 2,000 steps); the default of
         *     {@link Training.Builder#epochs(int)}
         * @return this builder
         */
        public Builder epochs(int count) {
            defaults.epochs(count);
            return this;
        }

        /**
         * @param size examples per gradient step, positive; default 100; the default of
         *     {@link Training.Builder#batchSize(int)}
         * @return this builder
         */
        public Builder batchSize(int size) {
            defaults.batchSize(size);
            return this;
        }

        /**
         * @param rate the step size of the model's first optimiser, Adam, positive and finite; default 1e-3; a plan
         *     may set another {@link Training.Builder#optimizer(Optimizer)}
         * @return this builder
         */
        public Builder learningRate(double rate) {
            this.optimizer = Optimizer.adam(rate);
            return this;
        }

        /**
         * @param value the seed of initial weights, shuffling, the validation split and sampling; default 42
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Makes the model a conditional VAE (Sohn, Lee and Yan 2015): each example comes with a condition of
         * {@code width} values, which the encoder sees beside the example and the decoder beside the latent code,
         * joined to the input of each one's first dense layer (after a convolutional encoder's convolutions). The
         * prior stays p(z). Train with {@link Vae#fit(float[][], float[][])}, generate with
         * {@link Vae#sample(int, float[])}. A tabular model takes its conditions from its schema's condition columns
         * instead ({@link Schema.Builder#condition(String)}).
         *
         * @param width values per condition, 1 or more (a one-hot label of k classes: k); 0 for none, the default
         * @return this builder
         * @throws IllegalArgumentException if width is negative
         */
        public Builder conditions(int width) {
            checkArgument(width >= 0, "conditions must be 0 (none) or more values per row, got %s", width);
            this.conditions = width;
            return this;
        }

        /** @return the architecture this builder describes */
        public VaeConfig config() {
            List<Integer> sizes = new ArrayList<>();
            int[] dense = hidden != null ? hidden : convolutions.isEmpty() ? new int[] {512, 384, 256} : new int[] {256};
            Arrays.stream(dense).forEach(sizes::add);
            checkArgument(schema == null || conditions == 0, "a tabular model takes its conditions from its schema's "
                    + "condition columns (Schema.Builder.condition), not from conditions(%s)", conditions);
            return new VaeConfig(schema != null ? 0 : inputSize, latent, sizes, image, convolutions, likelihood,
                    gaussianVariance, seed, schema, prior, schema != null ? schema.conditionWidth() : conditions);
        }

        /** @return the training settings this builder describes, the defaults of a plan that leaves them unset */
        public TrainingDefaults trainingDefaults() {
            Training plan = defaults.build();
            TrainingDefaults standard = TrainingDefaults.STANDARD;
            double clip = plan.clipGradientNorm() > 0 ? plan.clipGradientNorm()
                    : schema != null ? TrainingDefaults.TABULAR_CLIP_NORM : 0;
            return new TrainingDefaults(plan.epochs().orElse(schema != null ? TrainingDefaults.EPOCHS_BY_DATA
                    : standard.epochs()),
                    plan.batchSize().orElse(standard.batchSize()), plan.beta().orElse(standard.beta()), clip);
        }

        /**
         * Builds the model, with its parameters initialised now if the input size is known.
         *
         * @return the untrained model
         * @throws BackendNotFoundException if no backend is on the class path, or the {@link #device(Device)} asked
         *     for cannot be used here
         */
        public Vae build() {
            VaeConfig c = config();
            VaeState state = new VaeState(Backends.get(device), c, trainingDefaults(), optimizer, checkpoints);
            if (c.hasInputSize()) {
                state.model = state.backend.create(c, optimizer);
            }
            return new Vae(state);
        }
    }
}
