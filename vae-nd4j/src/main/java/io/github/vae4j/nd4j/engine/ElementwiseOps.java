package io.github.vae4j.nd4j.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The elementwise ND4J ops of the network, each op object made once per combination of arrays and value and then
 * reused. A new ND4J scalar op allocates its scalar in native memory, and JavaCPP checks the process's memory on every
 * allocation: measured on a 2-core AMD EPYC machine, a new {@code ScalarAdd} on 392 x 50 values took 29 µs and a
 * reused one 7.5 µs (2.8 against 24 µs on 10 x 50), a new ReLU 35 µs and a reused one 7.7, a new {@code MulOp} 42 µs
 * and a reused one 25. A training step runs about a hundred such ops. Sums and differences use the legacy
 * {@code Axpy} op ({@code z = p x + y}, the same bits as a subtraction for {@code p = -1}), which costs a third of
 * ND4J's custom {@code SubOp}/{@code AddOp}.
 *
 * <p>ElementwiseOps are cached by the identity of their arrays, so callers pass the same views each time (a {@code BatchBuffers}'s
 * views are made once). One instance belongs to one frame, which one thread uses at a time; it holds its arrays for as
 * long as it lives.
 */
public final class ElementwiseOps {

    /** The ops. */
    private enum Kind {
        SIGMOID, EXP, LOG, ABS, SQUARE, SQRT, MAX_SCALAR, ADD_SCALAR, MUL_SCALAR, REVERSE_SUB_SCALAR, RELU, STEP, MUL, DIV, AXPY, FLUSH
    }

    /** Legacy ops ({@link Op}) and custom ones ({@link CustomOp}), which ND4J runs through different calls. */
    private final Map<Key, Object> cache = new HashMap<>();

    /** A frame's network runs a few hundred distinct ops; more than this means arrays that are not reused. */
    static final int MAX_CACHED = 4096;

    /** An op's identity: its kind, its arrays by reference, its value. */
    private record Key(Kind kind, INDArray x, INDArray y, INDArray z, double value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && x == k.x && y == k.y && z == k.z
                    && Double.compare(value, k.value) == 0;
        }

        @Override
        public int hashCode() {
            int h = kind.hashCode();
            h = 31 * h + System.identityHashCode(x);
            h = 31 * h + System.identityHashCode(y);
            h = 31 * h + System.identityHashCode(z);
            return 31 * h + Double.hashCode(value);
        }
    }

    private void run(Kind kind, INDArray x, INDArray y, INDArray z, double value, Supplier<Object> make) {
        Key key = new Key(kind, x, y, z, value);
        Object op = cache.get(key);
        if (op == null) {
            if (cache.size() >= MAX_CACHED) {
                // a caller passing new arrays each time would otherwise make this grow for ever
                cache.clear();
            }
            op = make.get();
            cache.put(key, op);
        }
        if (op instanceof Op legacy) {
            Nd4j.exec(legacy);
        } else {
            Nd4j.exec((CustomOp) op);
        }
    }

    /** @return how many op objects are cached, for tests */
    int size() {
        return cache.size();
    }

    /**
     * {@code z = sigmoid(x)}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void sigmoid(INDArray x, INDArray z) {
        run(Kind.SIGMOID, x, null, z, 0, () -> new Sigmoid(x, z));
    }

    /**
     * {@code z = exp(x)}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void exp(INDArray x, INDArray z) {
        run(Kind.EXP, x, null, z, 0, () -> new Exp(x, z));
    }

    /**
     * {@code z = log(x)}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void log(INDArray x, INDArray z) {
        run(Kind.LOG, x, null, z, 0, () -> new Log(x, z));
    }

    /**
     * {@code z = |x|}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void abs(INDArray x, INDArray z) {
        run(Kind.ABS, x, null, z, 0, () -> new Abs(x, z));
    }

    /**
     * {@code z = x^2}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void square(INDArray x, INDArray z) {
        run(Kind.SQUARE, x, null, z, 0, () -> new Square(x, z));
    }

    /**
     * {@code z = sqrt(x)}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void sqrt(INDArray x, INDArray z) {
        run(Kind.SQRT, x, null, z, 0, () -> new Sqrt(x, z));
    }

    /**
     * {@code z = max(x, value)}.
     *
     * @param x the input
     * @param value the scalar
     * @param z receives the result, of the shape of x (may be x)
     */
    public void max(INDArray x, double value, INDArray z) {
        run(Kind.MAX_SCALAR, x, null, z, value, () -> new ScalarMax(x, null, z, value));
    }

    /**
     * {@code z = x + value}.
     *
     * @param x the input
     * @param value the scalar
     * @param z receives the result, of the shape of x (may be x)
     */
    public void add(INDArray x, double value, INDArray z) {
        run(Kind.ADD_SCALAR, x, null, z, value, () -> new ScalarAdd(x, null, z, value));
    }

    /**
     * {@code z = x * value}.
     *
     * @param x the input
     * @param value the scalar
     * @param z receives the result, of the shape of x (may be x)
     */
    public void mul(INDArray x, double value, INDArray z) {
        run(Kind.MUL_SCALAR, x, null, z, value, () -> new ScalarMultiplication(x, null, z, value));
    }

    /**
     * {@code z = value - x}.
     *
     * @param x the input
     * @param value the scalar
     * @param z receives the result, of the shape of x (may be x)
     */
    public void reverseSub(INDArray x, double value, INDArray z) {
        run(Kind.REVERSE_SUB_SCALAR, x, null, z, value, () -> new ScalarReverseSubtraction(x, null, z, value));
    }

    /**
     * {@code z = max(x, 0)}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void relu(INDArray x, INDArray z) {
        run(Kind.RELU, x, null, z, 0, () -> new RectifiedLinear(x, z, 0.0));
    }

    /**
     * {@code z = 1 where x > 0, else 0}.
     *
     * @param x the input
     * @param z receives the result, of the shape of x (may be x)
     */
    public void step(INDArray x, INDArray z) {
        run(Kind.STEP, x, null, z, 0, () -> new Step(x, z, 0.0));
    }

    /**
     * {@code z = x * y}, elementwise.
     *
     * @param x the input
     * @param y the second input, of the shape of x
     * @param z receives the result, of the shape of x (may be x)
     */
    public void mul(INDArray x, INDArray y, INDArray z) {
        run(Kind.MUL, x, y, z, 0, () -> new MulOp(x, y, z));
    }

    /**
     * {@code z = x / y}, elementwise.
     *
     * @param x the input
     * @param y the second input, of the shape of x
     * @param z receives the result, of the shape of x (may be x)
     */
    public void div(INDArray x, INDArray y, INDArray z) {
        run(Kind.DIV, x, y, z, 0, () -> new DivOp(x, y, z));
    }

    /**
     * {@code z = x + y}, elementwise.
     *
     * @param x the input
     * @param y the second input, of the shape of x
     * @param z receives the result, of the shape of x (may be x)
     */
    public void add(INDArray x, INDArray y, INDArray z) {
        run(Kind.AXPY, y, x, z, 1.0, () -> new Axpy(y, x, z, 1.0));
    }

    /**
     * {@code z = x - y}, elementwise.
     *
     * @param x the input
     * @param y the second input, of the shape of x
     * @param z receives the result, of the shape of x (may be x)
     */
    public void sub(INDArray x, INDArray y, INDArray z) {
        run(Kind.AXPY, y, x, z, -1.0, () -> new Axpy(y, x, z, -1.0));
    }

    /**
     * Sets values of {@code g} with |g| below {@code tiny} to zero, in place.
     *
     * @param g the array
     * @param tiny the threshold, >= 0
     */
    public void flushBelow(INDArray g, double tiny) {
        run(Kind.FLUSH, g, null, g, tiny, () -> new CompareAndSet(g, g, 0.0, Conditions.absLessThan(tiny)));
    }
}
