package io.github.vae4j.nd4j.engine;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight into OpenBLAS's {@code cblas_sgemm}/{@code sgemv} and their double versions, on the
 * column-major arrays the network keeps. This is the same OpenBLAS library that {@code Nd4j.gemm} calls, minus ND4J's
 * per-call work (argument objects, checks, shape lookups): measured on an Intel Sapphire Rapids machine, 9 µs instead
 * of 17 µs for a bias broadcast (512 x 1 x 100) and 395 µs instead of 421 µs for a 784 x 512 x 100 product. A
 * training step makes 34 products. A large product's result is shared between the threads of a {@link ComputeThreads} in row
 * blocks (in column blocks for a weight gradient), each thread calling single-threaded OpenBLAS on its block; a
 * product with one result column or row is a {@code gemv}.
 * Arrays that are not plain column-major matrices go to {@code Nd4j.gemm}.
 */
public final class Blas {

    /** Products of fewer floating-point operations run on the calling thread alone: a hand-off costs ~1 µs. */
    static final double MIN_SPLIT_FLOPS = 2e6;
    /** Each thread's share of the result's rows (or columns) is at least this. */
    static final int MIN_PER_PART = 32;
    /** Boundaries between threads fall on multiples of this (16 floats: a 64-byte cache line of a column). */
    static final int BOUNDARY_ALIGNMENT = 16;

    private Blas() {
    }

    /**
     * {@code c = alpha * op(a) op(b) + beta * c}, where {@code op} transposes when asked.
     *
     * @param a left matrix
     * @param b right matrix
     * @param c result, preallocated, column-major
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param alpha factor of the product
     * @param beta factor of {@code c}'s old value; 0 overwrites it
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
            double beta) {
        gemm(a, b, c, transposeA, transposeB, alpha, beta, ComputeThreads.shared());
    }

    /**
     * {@code c = alpha * op(a) op(b) + beta * c} as {@link #gemm(INDArray, INDArray, INDArray, boolean, boolean,
     * double, double)}, a large product's rows or columns shared between the threads of {@code team} when it is free.
     *
     * @param a left matrix
     * @param b right matrix
     * @param c result, preallocated, column-major
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param alpha factor of the product
     * @param beta factor of {@code c}'s old value; 0 overwrites it
     * @param team the threads to share the work with
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
            double beta, ComputeThreads team) {
        DataType type = c.dataType();
        if (!isPlainColumnMajor(a) || !isPlainColumnMajor(b) || !isPlainColumnMajor(c) || a.dataType() != type
                || b.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.rows() : b.columns()) != n
                || (transposeB ? b.columns() : b.rows()) != k) {
            throw new IllegalArgumentException("gemm shapes do not match: " + shape(a, transposeA) + " times "
                    + shape(b, transposeB) + " into " + c.rows() + "x" + c.columns());
        }
        int lda = Math.max(1, (int) a.rows());
        int ldb = Math.max(1, (int) b.rows());
        Pointer pa = a.data().addressPointer();
        Pointer pb = b.data().addressPointer();
        Pointer pc = c.data().addressPointer();
        int parts = team.size();
        // an outer-product-like update (a weight gradient: k, the batch, the smallest size) splits best by columns,
        // other products by rows: measured on this model's shapes, each at 90-116 GFLOP/s against 50-111 the other way
        boolean byColumns = k < m && k < n;
        int extent = byColumns ? n : m;
        if (parts > 1 && 2.0 * m * n * k >= MIN_SPLIT_FLOPS && extent >= parts * MIN_PER_PART) {
            // the same blocks whether the team is free or not, so the result's bits do not depend on it
            team.runAll(part -> {
                int from = boundary(extent, parts, part);
                int to = boundary(extent, parts, part + 1);
                if (byColumns) {
                    // op(b)'s columns from..to: b's rows when b is transposed, else its columns
                    long offsetB = transposeB ? from : (long) from * ldb;
                    call(type, transposeA, transposeB, m, to - from, k, alpha, pa, 0, lda, pb, offsetB, ldb, beta,
                            pc, (long) from * m, m);
                } else {
                    // op(a)'s rows from..to: a's columns when a is transposed, else its rows
                    long offsetA = transposeA ? (long) from * lda : from;
                    call(type, transposeA, transposeB, to - from, n, k, alpha, pa, offsetA, lda, pb, 0, ldb, beta,
                            pc, from, m);
                }
            });
            return;
        }
        call(type, transposeA, transposeB, m, n, k, alpha, pa, 0, lda, pb, 0, ldb, beta, pc, 0, m);
    }

    /**
     * The first row (or column) of part {@code part} of {@code parts} of {@code extent}, on a multiple of 16 (a
     * cache line of floats, for row blocks) but the last.
     */
    static int boundary(int extent, int parts, int part) {
        return boundary(extent, parts, part, BOUNDARY_ALIGNMENT);
    }

    /**
     * The first index of part {@code part} of {@code parts} of {@code extent}, on a multiple of {@code alignment} (a
     * power of two) but the last.
     *
     * @param extent the values to share
     * @param parts how many parts
     * @param part which part, 0 to {@code parts}; {@code parts} gives the extent
     * @param alignment a power of two every boundary but the last is a multiple of
     * @return the part's first index
     */
    public static int boundary(int extent, int parts, int part, int alignment) {
        if (part >= parts) {
            return extent;
        }
        return (int) ((long) extent * part / parts) & ~(alignment - 1);
    }

    /**
     * {@code c = alpha * op(a) op(b) + beta * c} on the calling thread, on raw column-major storage: each matrix
     * from an element offset of a native address, with its leading dimension. For callers that cut their own
     * blocks (the convolutions' patch products); {@code a}, {@code b} and {@code c} are {@code addressPointer()}s of
     * arrays of {@code type}.
     *
     * @param type FLOAT or DOUBLE
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param m rows of the result
     * @param n columns of the result
     * @param k the inner size
     * @param alpha factor of the product
     * @param a left matrix's storage
     * @param offsetA its first element
     * @param lda its leading dimension
     * @param b right matrix's storage
     * @param offsetB its first element
     * @param ldb its leading dimension
     * @param beta factor of {@code c}'s old value; 0 overwrites it
     * @param c the result's storage
     * @param offsetC its first element
     * @param ldc its leading dimension
     */
    public static void gemm(DataType type, boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
            Pointer a, long offsetA, int lda, Pointer b, long offsetB, int ldb, double beta, Pointer c, long offsetC,
            int ldc) {
        if (m > 0 && n > 0) {
            call(type, transposeA, transposeB, m, n, k, alpha, a, offsetA, lda, b, offsetB, ldb, beta, c, offsetC,
                    ldc);
        }
    }

    /**
     * One cblas call on {@code c} from {@code offsetC}, reading {@code a} from {@code offsetA} and {@code b} from
     * {@code offsetB}. A product with one result column or row goes to {@code gemv}: measured, OpenBLAS's
     * {@code sgemm} took ten times as long as its {@code sgemv} for such shapes (a one-row encode's 784 x 512 layer:
     * 377 against 36 µs).
     */
    private static void call(DataType type, boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
            Pointer a, long offsetA, int lda, Pointer bBase, long offsetB, int ldb, double beta, Pointer c,
            long offsetC, int ldc) {
        boolean isFloat = type == DataType.FLOAT;
        Pointer pa = at(isFloat ? new FloatPointer(a) : new DoublePointer(a), offsetA);
        Pointer b = at(isFloat ? new FloatPointer(bBase) : new DoublePointer(bBase), offsetB);
        Pointer pc = at(isFloat ? new FloatPointer(c) : new DoublePointer(c), offsetC);
        if (n == 1) {
            // c = op(a) x with x = op(b), k x 1: b's column, or b's one row (stride ldb)
            int rowsA = transposeA ? k : m;
            int colsA = transposeA ? m : k;
            gemv(isFloat, transposeA, rowsA, colsA, alpha, pa, lda, b, transposeB ? ldb : 1, beta, pc, 1);
        } else if (m == 1) {
            // c^T = op(b)^T x with x = op(a)^T, k x 1: a's one row (stride lda), or a's column
            int rowsB = transposeB ? n : k;
            int colsB = transposeB ? k : n;
            gemv(isFloat, !transposeB, rowsB, colsB, alpha, b, ldb, pa, transposeA ? 1 : lda, beta, pc, ldc);
        } else if (isFloat) {
            openblas_nolapack.cblas_sgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans, m, n, k, (float) alpha, (FloatPointer) pa, lda,
                    (FloatPointer) b, ldb, (float) beta, (FloatPointer) pc, Math.max(1, ldc));
        } else {
            openblas_nolapack.cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans, m, n, k, alpha, (DoublePointer) pa, lda,
                    (DoublePointer) b, ldb, beta, (DoublePointer) pc, Math.max(1, ldc));
        }
    }

    /** {@code y = alpha * op(a) x + beta * y} for a column-major {@code rows x cols} matrix {@code a}. */
    private static void gemv(boolean isFloat, boolean transpose, int rows, int cols, double alpha, Pointer a, int lda,
            Pointer x, int incX, double beta, Pointer y, int incY) {
        int t = transpose ? CblasTrans : CblasNoTrans;
        int ld = Math.max(1, lda);
        if (isFloat) {
            openblas_nolapack.cblas_sgemv(CblasColMajor, t, rows, cols, (float) alpha, (FloatPointer) a, ld,
                    (FloatPointer) x, Math.max(1, incX), (float) beta, (FloatPointer) y, Math.max(1, incY));
        } else {
            openblas_nolapack.cblas_dgemv(CblasColMajor, t, rows, cols, alpha, (DoublePointer) a, ld,
                    (DoublePointer) x, Math.max(1, incX), beta, (DoublePointer) y, Math.max(1, incY));
        }
    }

    private static <P extends Pointer> P at(P p, long offset) {
        if (offset != 0) {
            p.position(p.position() + offset);
        }
        return p;
    }

    /**
     * Column sums {@code out = ones^T m}: one value per example (column).
     *
     * @param m {@code F x R}
     * @param onesF {@code F x 1} ones
     * @param out {@code 1 x R}, overwritten
     */
    public static void columnSums(INDArray m, INDArray onesF, INDArray out) {
        gemm(onesF, m, out, true, false, 1.0, 0.0);
    }

    /**
     * Copies one column into every column of {@code y}: {@code y = column 1^T}, the bias broadcast of a dense layer.
     * Plain memory copies, each doubling the columns already filled (7 copies for 100 columns); the same values as
     * the rank-1 product, in a third of its time (measured on a 2-core AMD EPYC: 8 µs against 29 µs for 512 x 100).
     *
     * @param column {@code n x 1}, plain column-major
     * @param y {@code n x R}, plain column-major, overwritten
     */
    public static void fillColumns(INDArray column, INDArray y) {
        long n = y.rows();
        long r = y.columns();
        if (column.length() != n || column.dataType() != y.dataType() || !isPlainColumnMajor(column)
                || !isPlainColumnMajor(y)) {
            throw new IllegalArgumentException("cannot fill " + Arrays.toString(y.shape()) + " with column "
                    + Arrays.toString(column.shape()));
        }
        // ND4J's NIO buffers start at the allocation, not at the view
        int width = y.dataType().width();
        ByteBuffer target = y.data().asNio();
        int start = NativeCopies.start(y.data()) * width;
        int columnBytes = Math.toIntExact(n * width);
        target.put(start, column.data().asNio(), NativeCopies.start(column.data()) * width, columnBytes);
        for (long filled = 1; filled < r; filled *= 2) {
            long count = Math.min(filled, r - filled);
            target.put(Math.toIntExact(start + filled * columnBytes), target, start,
                    Math.toIntExact(count * columnBytes));
        }
    }

    /** A rank-2 array whose elements are stored column after column with no gaps, from its buffer's start. */
    private static boolean isPlainColumnMajor(INDArray x) {
        if (x.rank() != 2) {
            return false;
        }
        long rows = x.rows();
        long cols = x.columns();
        // a vector's unused stride does not matter
        return (cols == 1 || x.stride(1) == rows) && (rows == 1 || x.stride(0) == 1);
    }

    private static String shape(INDArray x, boolean transposed) {
        return transposed ? x.columns() + "x" + x.rows() + " (transposed)" : x.rows() + "x" + x.columns();
    }
}
