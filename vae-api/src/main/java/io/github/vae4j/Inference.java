package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.internal.Chunks;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;

/**
 * The facade's encoder and decoder calls on rows: checked once at the edge, packed into flat chunks for the backend,
 * unpacked into rows. Called with the {@link VaeState}'s read lock held.
 */
final class Inference {

    private final VaeState s;

    Inference(VaeState state) {
        this.s = state;
    }

    /** Fills a chunk of latent points: {@code rows} of them, starting at row {@code from}. */
    interface LatentSource {
        void fill(int from, int rows, float[] z);
    }

    float[][] encode(float[][] x, float[][] conditions) {
        BackendModel m = s.requireModel("encode");
        return encodeMeans(m, checkedRows(x, conditions, "encode(x)", "encode(x, conditions)"));
    }

    float[][] decode(float[][] z, float[][] conditions) {
        BackendModel m = s.requireModel("decode");
        int latent = s.config.latentSize();
        InputChecks.checkRows(z, "z", latent, "the model's latent size", 0);
        checkConditions(conditions, z.length, "decode(z)", "decode(z, conditions)");
        return decodeMeans(m, z.length, (from, rows, buf) -> InputChecks.pack(z, null, from, rows, latent, buf),
                conditions);
    }

    float[][] reconstruct(float[][] x, float[][] conditions) {
        BackendModel m = s.requireModel("reconstruct");
        return reconstructMeans(m, checkedRows(x, conditions, "reconstruct(x)", "reconstruct(x, conditions)"),
                conditions);
    }

    float[][] sample(int n, float[][] conditions, RandomStream random, boolean shared) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        BackendModel m = s.requireModel("sample");
        checkConditions(conditions, n, "sample(n)", "sample(n, condition) or sample(n, conditions)");
        return decodeMeans(m, n, (from, rows, buf) -> {
            if (shared) {
                synchronized (random) {
                    m.prior().sample(random, rows, buf);
                }
            } else {
                m.prior().sample(random, rows, buf);
            }
        }, conditions);
    }

    /**
     * Checks rows of examples and, for a conditional model, their conditions.
     *
     * @param conditions one per row, or {@code null} for a call without
     * @return the rows as the backend takes them: each example followed by its condition
     */
    float[][] checkedRows(float[][] x, float[][] conditions, String call, String conditionalCall) {
        InputChecks.checkRows(x, "x", s.config.inputSize(), s.widthMeaning(), 0);
        return withConditions(x, conditions, call, conditionalCall);
    }

    /**
     * Checked rows of examples with their conditions, for a conditional model; the rows alone for another.
     *
     * @param conditions one per row, or {@code null} for a call without
     * @return the rows as the backend takes them: each example followed by its condition
     */
    float[][] withConditions(float[][] x, float[][] conditions, String call, String conditionalCall) {
        checkConditions(conditions, x.length, call, conditionalCall);
        return conditions == null ? x : Conditioning.join(x, conditions);
    }

    private void checkConditions(float[][] conditions, int rows, String call, String conditionalCall) {
        if (conditions == null) {
            Conditioning.requireUnconditioned(s.config, call, conditionalCall);
        } else {
            Conditioning.requireConditioned(s.config, conditionalCall);
            Conditioning.check(s.config, conditions, rows);
        }
    }

    /** @param x rows as the backend takes them ({@link VaeConfig#rowWidth()} values each) */
    float[][] encodeMeans(BackendModel m, float[][] x) {
        int width = s.config.rowWidth();
        int latent = s.config.latentSize();
        float[][] out = new float[x.length][];
        float[] in = new float[Chunks.capacity(x.length) * width];
        float[] mean = new float[Chunks.capacity(x.length) * latent];
        Chunks.each(x.length, (from, rows) -> {
            InputChecks.pack(x, null, from, rows, width, in);
            m.encoder().encode(in, rows, mean, null);
            InputChecks.unpack(mean, rows, latent, out, from);
        });
        return out;
    }

    /**
     * @param x rows as the backend takes them ({@link VaeConfig#rowWidth()} values each)
     * @param conditions their conditions, or {@code null} for an unconditional model
     */
    float[][] reconstructMeans(BackendModel m, float[][] x, float[][] conditions) {
        int width = s.config.rowWidth();
        float[] in = new float[Chunks.capacity(x.length) * width];
        return decodeMeans(m, x.length, (from, rows, z) -> {
            InputChecks.pack(x, null, from, rows, width, in);
            m.encoder().encode(in, rows, z, null);
        }, conditions);
    }

    /**
     * The decoder's means of {@code n} latent points.
     *
     * @param source fills each chunk's latent points
     * @param conditions one per point, or {@code null} for an unconditional model
     */
    float[][] decodeMeans(BackendModel m, int n, LatentSource source, float[][] conditions) {
        int width = s.config.inputSize();
        int latent = s.config.latentSize();
        int c = s.config.conditions();
        float[][] out = new float[n][];
        float[] z = new float[Chunks.capacity(n) * latent];
        float[] joined = c == 0 ? z : new float[Chunks.capacity(n) * (latent + c)];
        float[] mean = new float[Chunks.capacity(n) * width];
        Chunks.each(n, (from, rows) -> {
            source.fill(from, rows, z);
            if (c > 0) {
                Conditioning.joinLatents(z, rows, latent, conditions, from, joined);
            }
            m.decoder().decode(joined, rows, mean);
            InputChecks.unpack(mean, rows, width, out, from);
        });
        return out;
    }
}
