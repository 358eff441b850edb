package io.github.vae4j.nd4j.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.factory.Nd4j;

/** Numerically stable elementwise pieces shared by the likelihoods. */
final class Elementwise {

    private Elementwise() {
    }

    /**
     * softplus(v) = log(1 + exp(v)) in the stable form max(v, 0) + log1p(exp(-|v|)), which never overflows (ND4J's
     * own softplus computes log(1 + exp(v)) and overflows above about 88).
     *
     * @param v input
     * @param out receives softplus(v); must not be {@code v} or {@code tmp}
     * @param tmp scratch of the same shape
     */
    static void softplus(INDArray v, INDArray out, INDArray tmp) {
        Nd4j.exec(new Abs(v, out));
        Nd4j.exec(new ScalarMultiplication(out, null, out, -1.0));
        Nd4j.exec(new Exp(out, out));
        Nd4j.exec(new Log1p(out, out));
        Nd4j.exec(new RectifiedLinear(v, tmp, 0.0));
        out.addi(tmp);
    }

    /**
     * Column sums: {@code out = ones^T m}, one value per example.
     *
     * @param m {@code F x R}
     * @param onesF {@code F x 1} ones
     * @param out {@code 1 x R}
     */
    static void sumPerExample(INDArray m, INDArray onesF, INDArray out) {
        Nd4j.gemm(onesF, m, out, true, false, 1.0, 0.0);
    }
}
