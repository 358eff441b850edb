package io.github.vae4j.nd4j.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The built-in likelihoods' kernels against their per-value maths in vae-api ({@link Likelihood#BERNOULLI},
 * {@link Likelihood#GAUSSIAN}), run through the adapter a host's likelihood uses ({@link ValueLikelihoodModel}), in
 * double precision: the same losses, gradients and means, so the kernels are one implementation of the seam.
 */
class BuiltInLikelihoodAgreementTest {

    private static final int F = 7;
    private static final int R = 5;

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    private static INDArray random(Random r, double lo, double hi) {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
        for (int i = 0; i < F; i++) {
            for (int j = 0; j < R; j++) {
                a.putScalar(i, j, lo + (hi - lo) * r.nextDouble());
            }
        }
        return a;
    }

    private static LikelihoodModel.Scratch scratch() {
        INDArray[] features = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            features[i] = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
        }
        return new LikelihoodModel.Scratch(features, Nd4j.ones(DataType.DOUBLE, F, 1).dup('f'), new ElementwiseOps());
    }

    private static void agree(LikelihoodModel kernel, Likelihood reference, INDArray[] heads, INDArray x) {
        INDArray nll = Nd4j.create(DataType.DOUBLE, new long[] {1, R}, 'f');
        INDArray nllRef = Nd4j.create(DataType.DOUBLE, new long[] {1, R}, 'f');
        INDArray[] grads = new INDArray[heads.length];
        INDArray[] gradsRef = new INDArray[heads.length];
        for (int k = 0; k < heads.length; k++) {
            grads[k] = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
            gradsRef[k] = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
        }
        kernel.negativeLogLikelihood(heads, x, nll, grads, 0.5, scratch());
        new ValueLikelihoodModel(reference).negativeLogLikelihood(heads, x, nllRef, gradsRef, 0.5, scratch());
        for (int j = 0; j < R; j++) {
            assertThat(nll.getDouble(0, j)).as("%s, example %s", reference, j)
                    .isCloseTo(nllRef.getDouble(0, j), within(1e-9));
        }
        for (int k = 0; k < heads.length; k++) {
            for (int i = 0; i < F * R; i++) {
                assertThat(grads[k].getDouble(i % F, i / F)).as("%s, head %s, value %s", reference, k, i)
                        .isCloseTo(gradsRef[k].getDouble(i % F, i / F), within(1e-9));
            }
        }
        INDArray mean = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
        INDArray meanRef = Nd4j.create(DataType.DOUBLE, new long[] {F, R}, 'f');
        kernel.mean(heads, mean, scratch());
        new ValueLikelihoodModel(reference).mean(heads, meanRef, scratch());
        assertThat(mean.sub(meanRef).amaxNumber().doubleValue()).as("%s means", reference).isLessThan(1e-12);
    }

    @Test
    void theBernoulliKernelIsTheBernoulliLikelihood() {
        Random r = new Random(4);
        agree(new BernoulliLikelihood(), Likelihood.BERNOULLI, new INDArray[] {random(r, -6, 6)}, random(r, 0, 1));
    }

    @Test
    void theGaussianKernelIsTheGaussianLikelihoodWithTheDefaultFloor() {
        Random r = new Random(5);
        agree(new GaussianLikelihood(true, GaussianVariance.DEFAULT_FLOOR), Likelihood.GAUSSIAN,
                new INDArray[] {random(r, -2, 2), random(r, -3, 3)}, random(r, -2, 2));
    }
}
