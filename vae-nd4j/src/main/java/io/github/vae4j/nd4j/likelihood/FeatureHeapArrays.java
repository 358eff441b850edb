package io.github.vae4j.nd4j.likelihood;


/**
 * Heap float arrays laid out as a frame's {@code F x capacity} arrays, for the likelihood's elementwise work in plain
 * Java loops. A frame view uses the values of its own columns, so the views of {@code BatchBuffers.View.split} can work in
 * parallel. Made when first asked for: frames used only for encoding never need them.
 */
public final class FeatureHeapArrays {

    /** How many arrays there are. */
    public static final int ARRAYS = 4;

    private final int values;
    private volatile float[][] arrays;

    /**
     * @param values values per array: F times the frame's capacity
     */
    public FeatureHeapArrays(int values) {
        if (values < 1) {
            throw new IllegalArgumentException("host features of " + values + " values");
        }
        this.values = values;
    }

    /**
     * @param i which array, 0 to {@value #ARRAYS} - 1
     * @return the array, of F times the frame's capacity values
     */
    public float[] get(int i) {
        float[][] a = arrays;
        if (a == null) {
            synchronized (this) {
                a = arrays;
                if (a == null) {
                    a = new float[ARRAYS][values];
                    arrays = a;
                }
            }
        }
        return a[i];
    }
}
