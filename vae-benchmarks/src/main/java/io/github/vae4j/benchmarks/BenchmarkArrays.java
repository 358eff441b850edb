package io.github.vae4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the benchmarks share: operands filled with random values, and the median of timings. */
final class BenchmarkArrays {

    private BenchmarkArrays() {
    }

    /**
     * @return a column-major {@code rows x cols} FLOAT array of uniform values in [-1, 1)
     */
    static INDArray filled(int rows, int cols, Random random) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return Nd4j.create(values, new long[] {rows, cols}, 'f');
    }

    /** @return the median of the timings (the upper one of an even count) */
    static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
