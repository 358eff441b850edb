package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.optim.Updater;
import io.github.vae4j.spi.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each optimiser's two routes: the blocked loop over host memory (host-tuned kernels) and the chain of ND4J ops on
 * the engine's arrays (portable kernels, as on CUDA). Over several blocks of parameters, with gradients that the
 * flushes catch (tiny and denormal values, zeros), changing learning rates and a save and restore of the state, they
 * give the same parameters and state bit for bit.
 */
class UpdaterRoutesTest {

    private static final int N = 40_000;

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    static Stream<Optimizer> optimizers() {
        return Stream.of(Optimizer.adam(1e-3), Optimizer.rmsProp(1e-2), Optimizer.sgd(0.1, 0),
                Optimizer.sgd(0.05, 0.9), Optimizer.sgd(0.05, 0.9).withNesterov(true));
    }

    private static float[] gradient(RandomStream r) {
        float[] g = new float[N];
        r.fillGaussian(g, 0, N);
        for (int i = 0; i < N; i += 7) {
            g[i] *= (i % 3 == 0) ? 1e-20f : (i % 3 == 1) ? 1e-40f : 0f;
        }
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void bothRoutesGiveTheSameBits(Optimizer optimizer) {
        float[] start = new float[N];
        new RandomStream(1).fillGaussian(start, 0, N);
        List<Kernels> sets = List.of(Kernels.hostTuned(), Kernels.portable());
        float[][] parameters = new float[2][];
        float[][][] slots = new float[2][][];
        for (int k = 0; k < 2; k++) {
            INDArray p = Nd4j.createFromArray(start.clone());
            INDArray g = Nd4j.create(DataType.FLOAT, N);
            Updater updater = Updater.create(optimizer, p, g, sets.get(k));
            RandomStream r = new RandomStream(2);
            for (int s = 0; s < 4; s++) {
                g.assign(Nd4j.createFromArray(gradient(r)));
                updater.step(optimizer.learningRate() * (1 + 0.25 * s));
            }
            // the state out and back into a fresh updater, then one more step
            Updater resumed = Updater.create(optimizer, p, g, sets.get(k));
            resumed.restore(Arrays.asList(updater.slots()), updater.stepCount());
            g.assign(Nd4j.createFromArray(gradient(r)));
            resumed.step(optimizer.learningRate());
            parameters[k] = p.toFloatVector();
            slots[k] = resumed.slots();
        }
        assertThat(parameters[1]).as("parameters").containsExactly(parameters[0]);
        assertThat(slots[1]).as("optimiser state").isDeepEqualTo(slots[0]);
        assertThat(parameters[0]).as("the parameters moved").isNotEqualTo(start);
    }
}
