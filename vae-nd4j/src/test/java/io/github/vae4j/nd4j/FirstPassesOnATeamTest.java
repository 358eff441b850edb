package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.BatchBuffers;
import io.github.vae4j.nd4j.nn.VaeNetwork;
import io.github.vae4j.spi.RandomStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The first forward and backward passes of fresh models on a team of more threads than this machine has cores, a few
 * hundred times: every buffer that a layer, the likelihood or the latent layer makes lazily must be made before its
 * parts run at once, or two parts make their own and one part's sums are lost (a convolution layer's gradient sums
 * did so: a {@link NullPointerException}, or a gradient short of one part), and a batch split into fewer parts than
 * the team has threads must leave the extra threads idle (a batch of 50 on 4 threads failed with an index out of
 * bounds). The team's parts are fixed blocks, so the
 * bits of a pass do not depend on which threads ran them: every fresh model of a seed must give the first model's
 * gradients exactly.
 *
 * <p>Runs in a JVM of its own whose shared team has 4 threads ({@code vae4j.nd4j.threads}, set by the module's POM).
 */
class FirstPassesOnATeamTest {

    private static final int REPEATS = 300;
    private static final int BATCH = 64;

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
        assertThat(ComputeThreads.shared().size()).as("the shared team's threads (set -Dvae4j.nd4j.threads=4 for this test)")
                .isGreaterThanOrEqualTo(4);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("dense Bernoulli", Vae.builder().inputSize(40).latent(4).hidden(32, 16).seed(3)
                        .config()),
                Arguments.of("dense Gaussian", Vae.builder().inputSize(40).latent(4).hidden(32).seed(3)
                        .likelihood(Likelihood.GAUSSIAN).config()),
                Arguments.of("dense Gaussian, batch 50: 3 parts of the likelihood on 4 threads", Vae.builder()
                        .inputSize(40).latent(4).hidden(32).seed(3).likelihood(Likelihood.GAUSSIAN).config()),
                Arguments.of("convolutional", Vae.builder().image(8, 8, 1).conv(4, 8).latent(3).hidden(16).seed(3)
                        .config()),
                Arguments.of("tabular", Vae.builder().schema(TabularLikelihoodTest.SCHEMA).latent(2).hidden(16).seed(3).config()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void freshModelsGiveTheSameFirstGradients(String name, VaeConfig config) {
        int batch = name.contains("batch 50") ? 50 : BATCH;
        float[] first = firstGradients(config, batch);
        assertThat(first).as("%s: gradients", name).isNotEmpty();
        for (int i = 1; i < REPEATS; i++) {
            float[] again = firstGradients(config, batch);
            assertThat(again).as("%s, fresh model %d: its first gradients", name, i).containsExactly(first);
        }
    }

    /** The tabular test rows, repeated to a batch, encoded. */
    private static float[] tabularRows(int batch) {
        float[][] rows = new float[batch][];
        for (int i = 0; i < batch; i++) {
            rows[i] = TabularLikelihoodTest.RAW[i % TabularLikelihoodTest.RAW.length];
        }
        return TabularLikelihoodTest.encoded(rows);
    }

    /** A fresh model's first training pass on a fixed batch; its gradients. */
    private static float[] firstGradients(VaeConfig config, int batch) {
        try (Nd4jVaeModel model = new Nd4jVaeModel(config, Optimizer.adam(1e-3), DataType.FLOAT, "race",
                Kernels.hostTuned())) {
            VaeNetwork net = model.network();
            BatchBuffers.View f = net.newFrame(batch, true).rows(batch);
            RandomStream r = new RandomStream(11);
            float[] x = config.schema() != null ? tabularRows(batch) : null;
            for (long i = 0; i < f.x.length(); i++) {
                f.x.putScalar(i, x != null ? x[(int) i] : r.nextDouble());
            }
            for (long i = 0; i < f.eps.length(); i++) {
                f.eps.putScalar(i, r.nextDouble() * 2 - 1);
            }
            net.lossAndGradients(f, 1.0, 0);
            return net.store().gradients().toFloatVector();
        }
    }
}
