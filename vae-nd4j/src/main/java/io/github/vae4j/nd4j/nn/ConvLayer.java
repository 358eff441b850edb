package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.nd4j.engine.Blas;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.NativeFloats;
import io.github.vae4j.nd4j.engine.NativeMemoryTrim;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution, or a transposed convolution, on images stored channels-last, as products of patches: the
 * {@code in x R} column-major activations of the network are, in memory, {@code R x height x width x channels}
 * row-major (NHWC), so a convolution copies each output pixel's {@code k x k x channels} input patch into one column
 * of a patch matrix ({@link Patches#gather}, an im2col of strided block copies) and multiplies it by the weights
 * with one BLAS product. The transposed convolution is the adjoint: one product makes the patches, which are added
 * into the output image ({@link Patches#scatter}, a col2im). The backward passes are the same products transposed.
 *
 * <p>Weights are {@code [k, k, inChannels, outChannels]} for a convolution and {@code [k, k, outChannels,
 * inChannels]} for a transposed one (ND4J's {@code conv2d}/{@code deconv2d} layouts, so model files do not depend
 * on the route), followed by one bias per output channel. In column-major terms a convolution's weights are the
 * {@code outChannels x (k k inChannels)} matrix {@code W}, its output {@code Y = W P + b} with {@code P} the
 * {@code (k k inChannels) x pixels} patch matrix; a transposed convolution's weights are the
 * {@code inChannels x (k k outChannels)} matrix {@code V} and its output {@code col2im(V^T X) + b}.
 *
 * <p>The examples of a batch are shared between the threads of the {@link ComputeThreads}, each thread working through its
 * examples in chunks of at most {@value #PATCH_ELEMENTS} patch elements, so the scratch is bounded whatever
 * the batch; a thread's patch matrices serve every convolution layer it runs. Weight and bias gradients are
 * summed per thread and then added in thread order: the bits do not depend on whether the team was free. Measured
 * against ND4J's {@code conv2d}/{@code deconv2d} ops ({@link OpsConvLayer}): see {@code docs/benchmarks.md}.
 */
public final class ConvLayer extends ConvolutionLayer {

    /** Patch elements one thread gathers before its product: 4 MB of floats. */
    static final int PATCH_ELEMENTS = 1 << 20;

    /** The geometry of the convolution from the larger image to the smaller (the transposed one runs it back). */
    private final Patches patches;
    private final ComputeThreads team;
    /**
     * Each calling thread's patch matrices, one per part of the team, shared by every convolution layer the thread
     * runs (a thread runs one layer at a time): a thread's scratch is at most two chunks, whatever the model and
     * however many threads infer at once.
     */
    private static final ThreadLocal<Scratch[]> PATCHES = ThreadLocal.withInitial(
            () -> new Scratch[ComputeThreads.shared().size()]);
    /** The backward pass's sums of the weight and bias gradients, one per part of the team. */
    private Partial[] partials;
    /** Ones for the bias gradients' row sums: as many as the large image's pixels in one chunk. */
    private INDArray ones;

    /**
     * Takes the layer's weights, then its biases, from the store.
     *
     * @param name what to call the layer in messages
     * @param input the input image shape
     * @param output the output image shape, which {@code convolutions} must map {@code input} to (or, transposed,
     *     back from)
     * @param convolutions kernel size, stride and padding
     * @param transposed {@code true} for a transposed convolution (the decoder's)
     * @param store where the parameters live
     */
    public ConvLayer(String name, ImageShape input, ImageShape output, Convolutions convolutions, boolean transposed,
            ParameterStore store) {
        super(ConvParameters.take(name, input, output, convolutions, transposed, store));
        ImageShape large = transposed ? output : input;
        ImageShape small = transposed ? input : output;
        this.patches = Patches.of(large, small, p.kernel(), p.stride(), convolutions.padding());
        this.team = ComputeThreads.shared();
    }

    /**
     * @param kernel kernel height and width
     * @param inChannels input channels
     * @param outChannels output channels
     * @return the number of parameters of such a layer, convolution or transposed
     */
    public static long parameterCount(int kernel, int inChannels, int outChannels) {
        return ConvParameters.count(kernel, inChannels, outChannels);
    }

    /** Examples one chunk holds: as many as fit {@value #PATCH_ELEMENTS} patch elements, at least one. */
    private int chunkExamples() {
        return Math.max(1, PATCH_ELEMENTS / patches.elementsPerExample());
    }

    @Override
    public void forward(INDArray x, INDArray y) {
        int r = (int) x.size(1);
        Scratch[] scratch = PATCHES.get();
        DataType type = y.dataType();
        NativeFloats xs = NativeFloats.of(x);
        NativeFloats ys = NativeFloats.of(y);
        NativeFloats bias = NativeFloats.of(p.b());
        Pointer px = x.data().addressPointer();
        Pointer py = y.data().addressPointer();
        Pointer pw = p.w().data().addressPointer();
        int pixelsOut = p.output().height() * p.output().width();
        int cout = p.output().channels();
        int rowsP = patches.patchSize();
        ensureScratch(scratch, type);
        team.runAll(part -> {
            int from = Blas.boundary(r, team.size(), part, 1);
            int to = Blas.boundary(r, team.size(), part + 1, 1);
            if (from >= to) {
                return;
            }
            for (int p = from * pixelsOut; p < to * pixelsOut; p++) {
                ys.copy(p * cout, bias, 0, cout);
            }
            Scratch s = scratch[part];
            for (int e0 = from; e0 < to; e0 += chunkExamples()) {
                int e1 = Math.min(to, e0 + chunkExamples());
                int n = (e1 - e0) * patches.smallPixels();
                if (!p.transposed()) {
                    // Y[:, chunk] += W P
                    patches.gather(xs, s.cells, e0, e1);
                    Blas.gemm(type, false, false, cout, n, rowsP, 1.0, pw, 0, cout, s.pointer, 0, rowsP, 1.0, py,
                            (long) e0 * pixelsOut * cout, cout);
                } else {
                    // P = V^T X[:, chunk], then added into Y
                    int cin = p.input().channels();
                    Blas.gemm(type, true, false, rowsP, n, cin, 1.0, pw, 0, cin, px,
                            (long) e0 * patches.smallPixels() * cin, cin, 0.0, s.pointer, 0, rowsP);
                    patches.scatter(s.cells, ys, e0, e1);
                }
            }
        });
        NativeMemoryTrim.afterLargeCall();
    }

    @Override
    public void backward(INDArray x, INDArray dy, INDArray dx, boolean accumulate, INDArray onesR) {
        int r = (int) dy.size(1);
        DataType type = dy.dataType();
        Scratch[] scratch = PATCHES.get();
        ensureOnes(type);
        NativeFloats xs = NativeFloats.of(x);
        NativeFloats dys = NativeFloats.of(dy);
        NativeFloats dxs = dx == null ? null : NativeFloats.of(dx);
        Pointer px = x.data().addressPointer();
        Pointer pdy = dy.data().addressPointer();
        Pointer pdx = dx == null ? null : dx.data().addressPointer();
        Pointer pw = p.w().data().addressPointer();
        Pointer pOnes = ones.data().addressPointer();
        int rowsP = patches.patchSize();
        int small = patches.smallPixels();
        int large = patches.largePixels();
        int cin = p.input().channels();
        int cout = p.output().channels();
        int pixelsOut = p.output().height() * p.output().width();
        // the weight gradient's matrix: cout x rowsP for a convolution, cin x rowsP for a transposed one
        int rowsW = p.transposed() ? cin : cout;
        long weights = (long) rowsW * rowsP;
        // every buffer the parts use is made here, before they run at once on the team's threads
        ensureScratch(scratch, type);
        Partial[] sums = ensurePartials(type, weights + cout);
        team.runAll(part -> {
            Scratch s = scratch[part];
            Partial g = sums[part];
            int from = Blas.boundary(r, team.size(), part, 1);
            int to = Blas.boundary(r, team.size(), part + 1, 1);
            g.cells.zero(0, (int) (weights + cout));
            if (from >= to) {
                return;
            }
            if (dx != null && !accumulate && !p.transposed()) {
                dxs.zero(from * p.input().size(), (to - from) * p.input().size());
            }
            for (int e0 = from; e0 < to; e0 += chunkExamples()) {
                int e1 = Math.min(to, e0 + chunkExamples());
                int n = (e1 - e0) * small;
                int outPixels = (e1 - e0) * pixelsOut;
                // the bias gradient: dY's row sums
                Blas.gemm(type, false, false, cout, 1, outPixels, 1.0, pdy, (long) e0 * pixelsOut * cout, cout,
                        pOnes, 0, outPixels, 1.0, g.pointer, weights, cout);
                if (!p.transposed()) {
                    patches.gather(xs, s.cells, e0, e1);
                    // dW += dY P^T
                    Blas.gemm(type, false, true, cout, rowsP, n, 1.0, pdy, (long) e0 * small * cout, cout, s.pointer,
                            0, rowsP, 1.0, g.pointer, 0, cout);
                    if (dx != null) {
                        // dP = W^T dY, added into dX
                        Blas.gemm(type, true, false, rowsP, n, cout, 1.0, pw, 0, cout, pdy, (long) e0 * small * cout,
                                cout, 0.0, s.pointer, 0, rowsP);
                        patches.scatter(s.cells, dxs, e0, e1);
                    }
                } else {
                    // dP = the patches of dY
                    patches.gather(dys, s.cells, e0, e1);
                    // dV += X dP^T
                    Blas.gemm(type, false, true, cin, rowsP, n, 1.0, px, (long) e0 * small * cin, cin, s.pointer, 0,
                            rowsP, 1.0, g.pointer, 0, cin);
                    if (dx != null) {
                        // dX = V dP
                        Blas.gemm(type, false, false, cin, n, rowsP, 1.0, pw, 0, cin, s.pointer, 0, rowsP,
                                accumulate ? 1.0 : 0.0, pdx, (long) e0 * small * cin, cin);
                    }
                }
            }
        });
        // the parts' sums, added in part order
        NativeFloats gw = NativeFloats.of(p.gradW());
        NativeFloats gb = NativeFloats.of(p.gradB());
        gw.copy(0, sums[0].cells, 0, (int) weights);
        gb.copy(0, sums[0].cells, (int) weights, cout);
        for (int part = 1; part < sums.length; part++) {
            gw.add(0, sums[part].cells, 0, (int) weights);
            gb.add(0, sums[part].cells, (int) weights, cout);
        }
        NativeMemoryTrim.afterLargeCall();
    }

    /** The ones of the bias gradient, for the largest chunk of output pixels. */
    private void ensureOnes(DataType type) {
        long needed = (long) chunkExamples() * p.output().height() * p.output().width();
        if (ones == null || ones.dataType() != type || ones.length() < needed) {
            ones = Nd4j.ones(type, needed, 1).castTo(type);
        }
    }

    /**
     * Makes the calling thread's patch matrices large enough for a chunk of this layer, one per part of the team.
     * Called on the calling thread before the parts run: a buffer made lazily inside {@link ComputeThreads#runAll} would be
     * made by two threads at once.
     */
    private void ensureScratch(Scratch[] scratch, DataType type) {
        long needed = (long) chunkExamples() * patches.elementsPerExample();
        for (int part = 0; part < scratch.length; part++) {
            Scratch s = scratch[part];
            if (s == null || s.type != type || s.length < needed) {
                scratch[part] = new Scratch(type, needed);
            }
        }
    }

    /**
     * The parts' gradient sums, made on the calling thread before the parts run (a layer trains on one thread at a
     * time; the parts it hands the team each use their own).
     */
    private Partial[] ensurePartials(DataType type, long length) {
        Partial[] sums = partials;
        if (sums == null) {
            sums = new Partial[team.size()];
        }
        for (int part = 0; part < sums.length; part++) {
            if (sums[part] == null || sums[part].array.dataType() != type) {
                sums[part] = new Partial(Nd4j.createUninitialized(type, length));
            }
        }
        partials = sums;
        return sums;
    }

    /** One thread's patch matrix. */
    private static final class Scratch {
        final DataType type;
        final long length;
        /** Held so that the native memory lives as long as its views. */
        final INDArray patchArray;
        final NativeFloats cells;
        final Pointer pointer;

        Scratch(DataType type, long length) {
            this.type = type;
            this.length = length;
            this.patchArray = Nd4j.createUninitialized(type, length);
            this.cells = NativeFloats.of(patchArray);
            this.pointer = patchArray.data().addressPointer();
        }
    }

    /** One part's sums of the weight gradients, then the bias gradients. */
    private static final class Partial {
        final INDArray array;
        final NativeFloats cells;
        final Pointer pointer;

        Partial(INDArray array) {
            this.array = array;
            this.cells = NativeFloats.of(array);
            this.pointer = array.data().addressPointer();
        }
    }
}
