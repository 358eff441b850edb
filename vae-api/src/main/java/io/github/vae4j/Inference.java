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

    /** Fills a flat {@code rows x latentSize} chunk of latent points starting at row {@code from}. */
    interface LatentSource {
        void fill(int from, int rows, float[] z);
    }

    float[][] encode(float[][] x) {
        BackendModel m = s.requireModel("encode");
        InputChecks.checkRows(x, "x", s.config.inputSize(), s.widthMeaning(), false);
        return encodeMeans(m, x);
    }

    float[][] decode(float[][] z) {
        BackendModel m = s.requireModel("decode");
        int latent = s.config.latentSize();
        InputChecks.checkRows(z, "z", latent, "the model's latent size", false);
        return decodeMeans(m, z.length, (from, rows, buf) -> InputChecks.pack(z, null, from, rows, latent, buf));
    }

    float[][] reconstruct(float[][] x) {
        BackendModel m = s.requireModel("reconstruct");
        InputChecks.checkRows(x, "x", s.config.inputSize(), s.widthMeaning(), false);
        return reconstructMeans(m, x);
    }

    /** Decodes n draws from the prior, drawn from {@code random}; {@code shared} if other threads draw from it. */
    float[][] sample(int n, RandomStream random, boolean shared) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        BackendModel m = s.requireModel("sample");
        return decodeMeans(m, n, (from, rows, buf) -> {
            if (shared) {
                synchronized (random) {
                    m.prior().sample(random, rows, buf);
                }
            } else {
                m.prior().sample(random, rows, buf);
            }
        });
    }

    /** The posterior means of checked rows, {@code n x latentSize}. */
    float[][] encodeMeans(BackendModel m, float[][] x) {
        int width = s.config.inputSize();
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

    /** The likelihood means at the posterior means of checked rows, {@code n x inputSize}. */
    float[][] reconstructMeans(BackendModel m, float[][] x) {
        int width = s.config.inputSize();
        float[] in = new float[Chunks.capacity(x.length) * width];
        return decodeMeans(m, x.length, (from, rows, z) -> {
            InputChecks.pack(x, null, from, rows, width, in);
            m.encoder().encode(in, rows, z, null);
        });
    }

    /** The likelihood means of n latent points from {@code source}, {@code n x inputSize}. */
    float[][] decodeMeans(BackendModel m, int n, LatentSource source) {
        int width = s.config.inputSize();
        int latent = s.config.latentSize();
        float[][] out = new float[n][];
        float[] z = new float[Chunks.capacity(n) * latent];
        float[] mean = new float[Chunks.capacity(n) * width];
        Chunks.each(n, (from, rows) -> {
            source.fill(from, rows, z);
            m.decoder().decode(z, rows, mean);
            InputChecks.unpack(mean, rows, width, out, from);
        });
        return out;
    }
}
