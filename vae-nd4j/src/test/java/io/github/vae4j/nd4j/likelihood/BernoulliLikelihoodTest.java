package io.github.vae4j.nd4j.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float path over heap copies against the ND4J ops it replaces and against log1p in double: the same gradient
 * bits and losses right to float precision, with saturated logits, an example whose product of sigmoids would
 * underflow a double, and a view that starts inside the frame's arrays.
 */
class BernoulliLikelihoodTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @ParameterizedTest(name = "{0} features, columns {2} to {2} + {3} of {1}")
    @CsvSource({"37, 12, 3, 8", "1100, 5, 2, 3"})  // the second: three products of t before a logarithm
    void heapPathGivesTheGradientBitsAndTheLossesOfTheOps(int features, int capacity, int from, int r) {
        Random random = new Random(8);
        INDArray logits = view(features, capacity, from, r);
        INDArray x = view(features, capacity, from, r);
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < features; i++) {
                // ordinary, large and saturated logits; binary and fractional targets
                double scale = i % 5 == 0 ? 60 : 6;
                // example 1 all zero logits: t = 0.5 everywhere, whose product over 1100 features underflows a double
                logits.putScalar(i, c, c == 1 ? 0 : (random.nextDouble() * 2 - 1) * scale);
                x.putScalar(i, c, i % 3 == 0 ? random.nextDouble() : random.nextInt(2));
            }
        }
        logits.putScalar(0, 0, 1e-3);
        logits.putScalar(1, 0, -200);
        logits.putScalar(2, 0, 200);
        // a gradient of about 3e-35, which both paths flush to zero
        logits.putScalar(3, 0, -75);
        x.putScalar(3, 0, 0);
        BernoulliLikelihood bernoulli = new BernoulliLikelihood();

        INDArray[] opsScratch = scratch(features, capacity, from, r);
        INDArray nllOps = Nd4j.create(DataType.FLOAT, new long[] {1, r}, 'f');
        INDArray gradOps = view(features, capacity, from, r);
        bernoulli.negativeLogLikelihood(new INDArray[] {logits}, x, nllOps, new INDArray[] {gradOps}, 0.01,
                new LikelihoodModel.Scratch(opsScratch, Nd4j.ones(DataType.FLOAT, features, 1).dup('f'), new ElementwiseOps()));

        INDArray nllHeap = Nd4j.create(DataType.FLOAT, new long[] {1, r}, 'f');
        INDArray gradHeap = view(features, capacity, from, r);
        FeatureHeapArrays host = new FeatureHeapArrays(features * capacity);
        bernoulli.negativeLogLikelihood(new INDArray[] {logits}, x, nllHeap, new INDArray[] {gradHeap}, 0.01,
                new LikelihoodModel.Scratch(scratch(features, capacity, from, r),
                        Nd4j.ones(DataType.FLOAT, features, 1).dup('f'), new ElementwiseOps(), host, from * features));

        assertThat(gradHeap.toFloatMatrix()).isDeepEqualTo(gradOps.toFloatMatrix());
        for (int c = 0; c < r; c++) {
            double expected = 0;
            for (int i = 0; i < features; i++) {
                double l = logits.getDouble(i, c);
                expected += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - x.getDouble(i, c) * l;
            }
            // the heap path sums in double: right to the float it is rounded to; the ops' float sums drift further
            assertThat(nllHeap.getDouble(0, c)).as("example %s", c)
                    .isCloseTo(expected, within(Math.max(1e-4, Math.abs(expected) * 2e-7)));
            assertThat(nllOps.getDouble(0, c)).as("example %s", c)
                    .isCloseTo(expected, within(Math.abs(expected) * 1e-5));
        }
        // without gradients: the same losses, nothing written to the gradient
        INDArray nllOnly = Nd4j.create(DataType.FLOAT, new long[] {1, r}, 'f');
        bernoulli.negativeLogLikelihood(new INDArray[] {logits}, x, nllOnly, null, 1.0,
                new LikelihoodModel.Scratch(scratch(features, capacity, from, r),
                        Nd4j.ones(DataType.FLOAT, features, 1).dup('f'), new ElementwiseOps(), host, from * features));
        assertThat(nllOnly.toFloatVector()).containsExactly(nllHeap.toFloatVector());
    }

    /** Columns {@code [from, from + r)} of a {@code features x capacity} array, as a frame view is. */
    private static INDArray view(int features, int capacity, int from, int r) {
        INDArray base = Nd4j.create(DataType.FLOAT, (long) features * capacity);
        return ParameterStore.view(base, (long) from * features, features, r);
    }

    private static INDArray[] scratch(int features, int capacity, int from, int r) {
        INDArray[] s = new INDArray[4];
        for (int i = 0; i < s.length; i++) {
            s[i] = view(features, capacity, from, r);
        }
        return s;
    }
}
