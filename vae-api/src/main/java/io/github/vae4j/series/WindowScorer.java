package io.github.vae4j.series;

import io.github.vae4j.Decoder;
import io.github.vae4j.Encoder;
import io.github.vae4j.Vae;
import io.github.vae4j.tabular.TabularEncoding;

/**
 * Scores the newest point of one window at a time: the window encoded with the model's scaling, its posterior mean,
 * the decoder's log-likelihood terms of the newest point's channels there. The batch calls and the streaming scorer
 * both score through this one path, one window a call, so that they agree bit for bit. Not thread-safe: each caller
 * has its own.
 */
final class WindowScorer {

    private final WindowLayout layout;
    private final TabularEncoding encoding;
    private final Vae vae;
    private final Encoder encoder;
    private final Decoder decoder;
    private final float[] in;
    private final float[] mean;
    private final float[] logVariance;
    private final double[] terms;
    private final float[] decoded;
    private final double[] kl = new double[1];

    WindowScorer(Vae vae, WindowLayout layout) {
        this.vae = vae;
        this.layout = layout;
        this.encoding = new TabularEncoding(vae.schema(), vae.scaling());
        this.encoder = vae.encoder();
        this.decoder = vae.decoder();
        this.in = new float[vae.inputSize()];
        this.mean = new float[vae.latentSize()];
        this.logVariance = new float[vae.latentSize()];
        this.terms = new double[layout.size()];
        this.decoded = new float[decoder.outputSize()];
    }

    /**
     * @param raw a window, {@link WindowLayout#size()} raw values, NaN where missing
     * @param channelNats receives -log p of each channel of the newest point, nats (0 where missing), or null
     * @return -log p of the newest point given its window, nats: the sum over its channels
     */
    double score(float[] raw, double[] channelNats) {
        encoding.encode(raw, in, 0);
        encoder.encode(in, 1, mean, logVariance);
        decoder.logLikelihoodTerms(in, mean, 1, terms);
        int from = layout.newest();
        double total = 0;
        for (int c = 0; c < layout.width(); c++) {
            double nats = -terms[from + c];
            total += nats;
            if (channelNats != null) {
                channelNats[c] = nats;
            }
        }
        return total;
    }

    /** @return KL(q(z|x) || p(z)) of the window scored last, nats */
    double latentNats() {
        vae.prior().kl(mean, logVariance, 1, kl);
        return kl[0];
    }

    /**
     * @param raw a window
     * @param out receives the decoder's means at the window's posterior mean, raw values in the channels' units
     */
    void reconstruct(float[] raw, float[] out) {
        encoding.encode(raw, in, 0);
        encoder.encode(in, 1, mean, logVariance);
        decoder.decode(mean, 1, decoded);
        encoding.decodeMean(decoded, 0, out);
    }
}
