package io.github.vae4j.nd4j.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies of a matrix or view to the heap in double precision and back, through ND4J's own calls, so they work on any
 * engine: for the maths a host writes (a likelihood's, a prior's), which runs on the heap whatever the device.
 */
public final class HeapDoubles {

    private HeapDoubles() {
    }

    /**
     * @param a a matrix or a view of one
     * @return its values in column-major order, in double
     */
    public static double[] of(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }

    /**
     * Writes values back into a matrix or view, in its own type.
     *
     * @param values {@code rows x columns} values in column-major order
     * @param rows the matrix's rows
     * @param columns its columns
     * @param to the matrix or view written
     */
    public static void assign(double[] values, int rows, int columns, INDArray to) {
        to.assign(Nd4j.create(values, new long[] {rows, columns}, 'f').castTo(to.dataType()));
    }
}
