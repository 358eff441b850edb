package io.github.vae4j.nd4j.nn;

import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.likelihood.FeatureHeapArrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every activation, gradient and scratch array one pass of the network needs, allocated once for up to
 * {@code capacity} examples and reused: no native allocation happens per step. {@link #rows(int)} gives column-major
 * views of the first R columns, cached per R. A frame is used by one thread at a time.
 */
public final class BatchBuffers {

    /**
     * Widths of the network's arrays, which a frame mirrors.
     *
     * @param input F, features per example
     * @param encoderHidden the encoder's hidden widths
     * @param latent the latent dimension
     * @param decoderHidden the decoder's hidden widths
     * @param heads the number of output heads
     * @param headWidth values per head and example
     * @param conditions C, values per condition of a conditional model; 0 for none
     */
    public record Shape(int input, List<Integer> encoderHidden, int latent, List<Integer> decoderHidden, int heads,
            int headWidth, int conditions) {

        /**
         * An unconditional shape.
         *
         * @param input F, features per example
         * @param encoderHidden the encoder's hidden widths
         * @param latent the latent dimension
         * @param decoderHidden the decoder's hidden widths
         * @param heads the number of output heads
         * @param headWidth values per head and example
         */
        public Shape(int input, List<Integer> encoderHidden, int latent, List<Integer> decoderHidden, int heads,
                int headWidth) {
            this(input, encoderHidden, latent, decoderHidden, heads, headWidth, 0);
        }

        /**
         * A shape whose heads are as wide as the input.
         *
         * @param input F, features per example
         * @param encoderHidden the encoder's hidden widths
         * @param latent the latent dimension
         * @param decoderHidden the decoder's hidden widths
         * @param heads the number of output heads
         */
        public Shape(int input, List<Integer> encoderHidden, int latent, List<Integer> decoderHidden, int heads) {
            this(input, encoderHidden, latent, decoderHidden, heads, input);
        }
    }

    private final Shape shape;
    private final int capacity;
    private final DataType type;
    private final Map<Integer, View> views = new HashMap<>();
    private final INDArray onesF;
    private final LatentHeapArrays latentScratch;
    private final FeatureHeapArrays hostFeatures;
    private final INDArray onesR;
    private final ElementwiseOps ops = new ElementwiseOps();

    // flat base arrays, capacity columns each
    private final INDArray x;
    private final INDArray c;
    private final INDArray[] encAct;
    private final INDArray[] encGrad;
    private final INDArray[] latent;
    private final INDArray[] decAct;
    private final INDArray[] decGrad;
    private final INDArray[] heads;
    private final INDArray[] headGrads;
    private final INDArray[] scratch;
    private final INDArray[] perExample;

    /** Latent arrays, in the order of {@link View}'s latent fields. */
    private static final int LATENT_ARRAYS = 9;

    /**
     * @param shape the network's widths
     * @param capacity the most examples a view may hold
     * @param withGradients whether to allocate the arrays only a backward pass needs
     * @param type element type
     * @param kernels how the latent layer's values move between these arrays and the heap
     */
    public BatchBuffers(Shape shape, int capacity, boolean withGradients, DataType type, Kernels kernels) {
        this.shape = shape;
        this.capacity = capacity;
        this.type = type;
        int enc = shape.encoderHidden().size();
        int dec = shape.decoderHidden().size();
        x = alloc(shape.input());
        c = shape.conditions() > 0 ? alloc(shape.conditions()) : null;
        encAct = new INDArray[enc];
        encGrad = new INDArray[enc];
        for (int i = 0; i < enc; i++) {
            encAct[i] = alloc(shape.encoderHidden().get(i));
            encGrad[i] = withGradients ? alloc(shape.encoderHidden().get(i)) : null;
        }
        latent = new INDArray[LATENT_ARRAYS];
        for (int i = 0; i < LATENT_ARRAYS; i++) {
            latent[i] = alloc(shape.latent());
        }
        decAct = new INDArray[dec];
        decGrad = new INDArray[dec];
        for (int i = 0; i < dec; i++) {
            decAct[i] = alloc(shape.decoderHidden().get(i));
            decGrad[i] = withGradients ? alloc(shape.decoderHidden().get(i)) : null;
        }
        heads = new INDArray[shape.heads()];
        headGrads = new INDArray[shape.heads()];
        for (int i = 0; i < shape.heads(); i++) {
            heads[i] = alloc(shape.headWidth());
            headGrads[i] = withGradients ? alloc(shape.headWidth()) : null;
        }
        scratch = new INDArray[4];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = alloc(shape.input());
        }
        perExample = new INDArray[] {alloc(1), alloc(1)};
        onesF = Nd4j.ones(type, shape.input(), 1).dup('f');
        latentScratch = new LatentHeapArrays(shape.latent() * capacity, shape.latent(), kernels);
        hostFeatures = new FeatureHeapArrays(shape.input() * capacity);
        onesR = Nd4j.ones(type, capacity, 1).dup('f');
    }

    private INDArray alloc(int rows) {
        return Nd4j.create(type, (long) rows * capacity);
    }

    /** @return the most examples a view may hold */
    public int capacity() {
        return capacity;
    }

    /** @return the widths this frame was made for */
    public Shape shape() {
        return shape;
    }

    /**
     * Views of the first {@code r} columns of every array.
     *
     * @param r examples, 1 to capacity
     * @return the views, cached
     */
    public View rows(int r) {
        if (r < 1 || r > capacity) {
            throw new IllegalArgumentException("frame holds 1 to " + capacity + " examples, asked for " + r);
        }
        return views.computeIfAbsent(r, n -> new View(0, n, ops));
    }

    private static INDArray[] views(INDArray[] bases, List<Integer> widths, int from, int r) {
        INDArray[] out = new INDArray[bases.length];
        for (int i = 0; i < bases.length; i++) {
            out[i] = bases[i] == null ? null : column(bases[i], widths.get(i), from, r);
        }
        return out;
    }

    /** Columns {@code from} to {@code from + r} of a base array of {@code rows} rows. */
    private static INDArray column(INDArray base, int rows, int from, int r) {
        return ParameterStore.view(base, (long) from * rows, rows, r);
    }

    /** Column-major views for one number of examples R. Fields are named after the quantities they hold. */
    public final class View {
        /** Examples. */
        public final int r;
        /** Input data, {@code F x R}; the decoder's target. */
        public final INDArray x;
        /** A conditional model's conditions, {@code C x R}; {@code null} for an unconditional model. */
        public final INDArray c;
        /** Encoder hidden activations, input side first. */
        public final INDArray[] encAct;
        /** Gradients with respect to the encoder hidden activations ({@code null} without gradients). */
        public final INDArray[] encGrad;
        /** Posterior mean, log-variance, standard deviation, variance, noise and sample z, each {@code L x R}. */
        public final INDArray mu;
        /** Posterior log-variance. */
        public final INDArray logVar;
        /** Whether the last encoding bent a posterior head's output ({@link SoftBound}); its backward then applies. */
        boolean posteriorBent;
        /** exp(logVar / 2). */
        public final INDArray sigma;
        /** exp(logVar). */
        public final INDArray variance;
        /** Standard normal noise. */
        public final INDArray eps;
        /** The latent sample mu + sigma * eps, or decoder input. */
        public final INDArray z;
        /** Gradient with respect to mu. */
        public final INDArray dMu;
        /** Gradient with respect to logVar. */
        public final INDArray dLogVar;
        /** Gradient with respect to z; also latent scratch. */
        public final INDArray dz;
        /** Decoder hidden activations, latent side first. */
        public final INDArray[] decAct;
        /** Gradients with respect to the decoder hidden activations. */
        public final INDArray[] decGrad;
        /** Decoder output heads, {@code headWidth x R} each. */
        public final INDArray[] heads;
        /** Gradients with respect to the heads. */
        public final INDArray[] headGrads;
        /** Four {@code F x R} scratch arrays. */
        public final INDArray[] scratch;
        /** Negative log-likelihood per example, {@code 1 x R}. */
        public final INDArray nll;
        /** KL per example, {@code 1 x R}. */
        public final INDArray kl;
        /** {@code R x 1} ones. */
        public final INDArray onesR;
        /** {@code F x 1} ones. */
        public final INDArray onesF;
        /** Heap arrays for the latent layer's elementwise work, shared by all views of the frame. */
        public final LatentHeapArrays latentScratch;
        /** Heap arrays for the likelihood's elementwise work, shared by all views of the frame. */
        public final FeatureHeapArrays hostFeatures;
        /** The index of these views' first value in the {@link #hostFeatures} arrays. */
        public final int hostFrom;
        /**
         * Elementwise ops, reused from step to step: the frame's for a whole view; each {@link #split} part has its
         * own, since parts run at once on the team's threads and an {@link ElementwiseOps} caches its op objects unsynchronised.
         */
        public final ElementwiseOps ops;
        /** The first column of these views in the frame's arrays. */
        private final int from;
        /** {@link #split} views, made when first asked for. */
        private View[] parts;

        private View(int from, int r, ElementwiseOps ops) {
            this.from = from;
            this.r = r;
            int f = shape.input();
            int l = shape.latent();
            this.x = column(BatchBuffers.this.x, f, from, r);
            this.c = BatchBuffers.this.c == null ? null : column(BatchBuffers.this.c, shape.conditions(), from, r);
            this.encAct = views(BatchBuffers.this.encAct, shape.encoderHidden(), from, r);
            this.encGrad = views(BatchBuffers.this.encGrad, shape.encoderHidden(), from, r);
            INDArray[] lat = new INDArray[LATENT_ARRAYS];
            for (int i = 0; i < LATENT_ARRAYS; i++) {
                lat[i] = column(latent[i], l, from, r);
            }
            mu = lat[0];
            logVar = lat[1];
            sigma = lat[2];
            variance = lat[3];
            eps = lat[4];
            z = lat[5];
            dMu = lat[6];
            dLogVar = lat[7];
            dz = lat[8];
            this.decAct = views(BatchBuffers.this.decAct, shape.decoderHidden(), from, r);
            this.decGrad = views(BatchBuffers.this.decGrad, shape.decoderHidden(), from, r);
            List<Integer> headWidths = java.util.Collections.nCopies(shape.heads(), shape.headWidth());
            this.heads = views(BatchBuffers.this.heads, headWidths, from, r);
            this.headGrads = views(BatchBuffers.this.headGrads, headWidths, from, r);
            this.scratch = views(BatchBuffers.this.scratch, java.util.Collections.nCopies(4, f), from, r);
            this.nll = column(perExample[0], 1, from, r);
            this.kl = column(perExample[1], 1, from, r);
            this.onesR = ParameterStore.view(BatchBuffers.this.onesR, 0, r, 1);
            this.onesF = BatchBuffers.this.onesF;
            this.latentScratch = BatchBuffers.this.latentScratch;
            this.hostFeatures = BatchBuffers.this.hostFeatures;
            this.hostFrom = from * f;
            this.ops = ops;
        }

        /**
         * These columns in {@code count} consecutive parts of as equal sizes as can be, for work per example shared
         * between threads. Each part views the same memory as this view, so what the parts write, this view holds.
         *
         * @param count parts, 1 to {@code r}
         * @return the parts in column order, cached
         */
        public View[] split(int count) {
            if (count < 1 || count > r) {
                throw new IllegalArgumentException("cannot split " + r + " examples into " + count + " parts");
            }
            View[] p = parts;
            if (p == null || p.length != count) {
                p = new View[count];
                for (int i = 0; i < count; i++) {
                    int start = (int) ((long) r * i / count);
                    int end = (int) ((long) r * (i + 1) / count);
                    p[i] = new View(from + start, end - start, new ElementwiseOps());
                }
                parts = p;
            }
            return p;
        }
    }
}
