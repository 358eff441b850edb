package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.nd4j.nn.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every path of {@link Blas#gemm} (one thread, rows or columns shared by teams of 2 and 3, gemv for one result column
 * or row)
 * against a plain triple loop in double precision, for every transposition, on arrays that are views into a larger
 * buffer at an offset, as the network's are.
 */
class BlasTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, team of {3}")
    @CsvSource({
        // large enough to be split: rows shared by the team, boundaries on 16-row lines and one uneven last part
        "200, 60, 170, 2", "200, 60, 170, 3", "97, 120, 300, 2",
        // the inner size the smallest, as in a weight gradient: columns shared by the team
        "150, 200, 40, 2", "97, 300, 20, 3",
        // too small to split, or one result column or row: gemv
        "5, 7, 3, 2", "300, 1, 250, 2", "1, 300, 250, 2", "1, 1, 40, 1", "64, 100, 1, 2", "3000, 1, 800, 3"
    })
    void matchesATripleLoopForEveryTransposition(int m, int n, int k, int threads) {
        ComputeThreads team = new ComputeThreads(threads);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 2e-5;
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                Random random = new Random(31L * m + n * 7L + k + t);
                INDArray a = randomView(type, ta ? k : m, ta ? m : k, random);
                INDArray b = randomView(type, tb ? n : k, tb ? k : n, random);
                INDArray c = randomView(type, m, n, random);
                double[][] expected = new double[m][n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += (ta ? a.getDouble(p, i) : a.getDouble(i, p)) * (tb ? b.getDouble(j, p)
                                    : b.getDouble(p, j));
                        }
                        expected[i][j] = 0.5 * sum - 2.0 * c.getDouble(i, j);
                    }
                }
                Blas.gemm(a, b, c, ta, tb, 0.5, -2.0, team);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(c.getDouble(i, j)).as("%s %s c[%s,%s], transposed a %s b %s", type, m + "x" + n
                                + "x" + k, i, j, ta, tb).isCloseTo(expected[i][j],
                                within(tolerance * (1 + Math.abs(expected[i][j]))));
                    }
                }
            }
        }
    }

    @Test
    void aSharedProductGivesTheSameBitsWhenTheTeamIsBusy() {
        // row blocks change OpenBLAS's blocking, which changes the last bits of some elements (column blocks, measured,
        // do not): both cases must use the same blocks
        ComputeThreads team = new ComputeThreads(2);
        // rows 0..127 and 128..255; then a weight gradient's columns 0..191 and 192..383
        int[][] shapes = {{256, 100, 384, 1, 0}, {256, 384, 100, 0, 1}};
        for (int[] shape : shapes) {
            boolean ta = shape[3] == 1;
            boolean tb = shape[4] == 1;
            INDArray a = randomView(DataType.FLOAT, ta ? shape[2] : shape[0], ta ? shape[0] : shape[2], new Random(5));
            INDArray b = randomView(DataType.FLOAT, tb ? shape[1] : shape[2], tb ? shape[2] : shape[1], new Random(6));
            INDArray free = Nd4j.create(DataType.FLOAT, new long[] {shape[0], shape[1]}, 'f');
            INDArray busy = Nd4j.create(DataType.FLOAT, new long[] {shape[0], shape[1]}, 'f');
            Blas.gemm(a, b, free, ta, tb, 1.0, 0.0, team);
            team.run(i -> {
                if (i == 0) {
                    Blas.gemm(a, b, busy, ta, tb, 1.0, 0.0, team);
                }
            });
            assertThat(busy.data().asFloat()).containsExactly(free.data().asFloat());
        }
    }

    @Test
    void betaZeroOverwritesWhatTheResultHeld() {
        for (int[] shape : new int[][] {{300, 1, 50}, {1, 300, 50}, {200, 80, 150}}) {
            INDArray a = randomView(DataType.FLOAT, shape[0], shape[2], new Random(1));
            INDArray b = randomView(DataType.FLOAT, shape[2], shape[1], new Random(2));
            INDArray c = randomView(DataType.FLOAT, shape[0], shape[1], new Random(3));
            c.assign(Double.NaN);
            Blas.gemm(a, b, c, false, false, 1.0, 0.0, new ComputeThreads(2));
            assertThat(c.isNaN().any()).as("NaN left in %sx%s", shape[0], shape[1]).isFalse();
        }
    }

    @Test
    void rejectsShapesThatDoNotMultiply() {
        INDArray a = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f');
        INDArray b = Nd4j.create(DataType.FLOAT, new long[] {5, 2}, 'f');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {3, 2}, 'f');
        assertThatThrownBy(() -> Blas.gemm(a, b, c, false, false, 1.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x4 times 5x2 into 3x2");
    }

    @ParameterizedTest(name = "{0} rows, {1} columns, {2}")
    @CsvSource({"7, 1, FLOAT", "7, 2, FLOAT", "512, 100, FLOAT", "5, 37, DOUBLE", "1, 64, FLOAT"})
    void fillColumnsCopiesTheColumnIntoEveryColumnAndNothingBeyond(int rows, int cols, DataType type) {
        INDArray column = randomView(type, rows, 1, new Random(4));
        INDArray base = Nd4j.create(type, (long) rows * cols + 6).assign(-7);
        INDArray y = ParameterStore.view(base, 3, rows, cols);
        Blas.fillColumns(column, y);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                assertThat(y.getDouble(i, j)).as("(%s, %s)", i, j).isEqualTo(column.getDouble(i, 0));
            }
        }
        for (long i : new long[] {0, 1, 2, base.length() - 3, base.length() - 2, base.length() - 1}) {
            assertThat(base.getDouble(i)).as("outside the view at %s", i).isEqualTo(-7);
        }
    }

    @Test
    void fillColumnsRejectsAColumnOfAnotherLengthOrType() {
        INDArray y = Nd4j.create(DataType.FLOAT, new long[] {4, 3}, 'f');
        assertThatThrownBy(() -> Blas.fillColumns(Nd4j.create(DataType.FLOAT, new long[] {5, 1}, 'f'), y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot fill [4, 3] with column [5, 1]");
        assertThatThrownBy(() -> Blas.fillColumns(Nd4j.create(DataType.DOUBLE, new long[] {4, 1}, 'f'), y))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundariesAreOnCacheLinesAndCoverEveryRowOrColumn() {
        assertThat(Blas.boundary(200, 3, 0)).isZero();
        assertThat(Blas.boundary(200, 3, 1)).isEqualTo(64);
        assertThat(Blas.boundary(200, 3, 2)).isEqualTo(128);
        assertThat(Blas.boundary(200, 3, 3)).isEqualTo(200);
        assertThat(Blas.boundary(512, 2, 1)).isEqualTo(256);
    }

    /** A column-major {@code rows x cols} view that starts 3 elements into a larger buffer. */
    private static INDArray randomView(DataType type, int rows, int cols, Random random) {
        INDArray base = Nd4j.create(type, (long) rows * cols + 5);
        INDArray view = ParameterStore.view(base, 3, rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                view.putScalar(i, j, random.nextDouble() * 2 - 1);
            }
        }
        return view;
    }
}
