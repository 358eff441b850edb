package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.nd4j.engine.NativeMemoryTrim;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution, or a transposed convolution, on images stored channels-last: the {@code in x R} column-major
 * activations of the network are, in memory, exactly an {@code R x height x width x channels} row-major (NHWC)
 * array, so the layer runs ND4J's {@code conv2d} / {@code deconv2d} ops and their {@code _bp} ops on 4-D views of
 * the same buffers, with no copy. Weights are {@code [k, k, inChannels, outChannels]} for a convolution and
 * {@code [k, k, outChannels, inChannels]} for a transposed one (the ops' default layouts), followed by one bias per
 * output channel.
 */
public final class OpsConvLayer extends ConvolutionLayer {

    private static final int NHWC = 1;
    private static final int DILATION = 1;

    private final long[] arguments;
    private final DynamicCustomOp forwardOp;
    private final DynamicCustomOp backwardOp;
    /**
     * One op context per thread, reused call after call. ND4J's {@code exec(op)} builds a new native context per
     * call that only the garbage collector frees; interleaved with the ops' large temporary buffers, those small
     * long-lived allocations kept glibc from returning memory: resident memory grew by about 1 GB per Fashion-MNIST
     * epoch. With reused contexts it stays flat.
     */
    private final ThreadLocal<OpContext> forwardContext = ThreadLocal.withInitial(this::newContext);
    private OpContext backwardContext;
    /**
     * The 4-D views of the activation arrays, made once per array: a new view per call costs a native shape buffer
     * that lives until the next garbage collection, which fragments native memory the same way.
     */
    private final ThreadLocal<Map<INDArray, INDArray>> views = ThreadLocal.withInitial(IdentityHashMap::new);
    /** Receives an input gradient that is not wanted or must be added; grown on demand, used by backward only. */
    private INDArray scratch;
    private final Map<Integer, INDArray> scratchViews = new HashMap<>();

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
    public OpsConvLayer(String name, ImageShape input, ImageShape output, Convolutions convolutions, boolean transposed,
            ParameterStore store) {
        super(ConvParameters.take(name, input, output, convolutions, transposed, store));
        int kernel = p.kernel();
        int stride = p.stride();
        int same = convolutions.padding() == Convolutions.Padding.SAME ? 1 : 0;
        this.arguments = transposed
                ? new long[] {kernel, kernel, stride, stride, 0, 0, DILATION, DILATION, same, NHWC}
                : new long[] {kernel, kernel, stride, stride, 0, 0, DILATION, DILATION, same, NHWC, 0};
        this.forwardOp = DynamicCustomOp.builder(transposed ? "deconv2d" : "conv2d").build();
        this.backwardOp = DynamicCustomOp.builder(transposed ? "deconv2d_bp" : "conv2d_bp").build();
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

    @Override
    public void forward(INDArray x, INDArray y) {
        OpContext context = forwardContext.get();
        context.setInputArrays(image(x, p.input()), p.w(), p.b());
        context.setOutputArrays(image(y, p.output()));
        Nd4j.getExecutioner().exec(forwardOp, context);
        context.purge(); // frees the native array handles the context made for this call
        NativeMemoryTrim.afterLargeCall();
    }

    @Override
    public void backward(INDArray x, INDArray dy, INDArray dx, boolean accumulate, INDArray onesR) {
        int r = (int) dy.size(1);
        INDArray target = dx;
        if (dx == null || accumulate) {
            if (scratch == null || scratch.size(1) < r) {
                scratch = Nd4j.create(x.dataType(), new long[] {p.input().size(), r}, 'f');
                scratchViews.clear();
            }
            target = scratchViews.computeIfAbsent(r, n -> ParameterStore.view(scratch, 0, p.input().size(), n));
        }
        if (backwardContext == null) {
            backwardContext = newContext();
        }
        backwardContext.setInputArrays(image(x, p.input()), p.w(), p.b(), image(dy, p.output()));
        backwardContext.setOutputArrays(image(target, p.input()), p.gradW(), p.gradB());
        Nd4j.getExecutioner().exec(backwardOp, backwardContext);
        backwardContext.purge();
        NativeMemoryTrim.afterLargeCall();
        if (dx != null && accumulate) {
            dx.addi(target);
        }
    }

    private OpContext newContext() {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setIArguments(arguments);
        return context;
    }

    /**
     * The {@code R x H x W x C} row-major view of a column-major {@code (H * W * C) x R} array's buffer, made once
     * per array and thread.
     */
    private INDArray image(INDArray columns, ImageShape shape) {
        return views.get().computeIfAbsent(columns, a -> {
            long c = shape.channels();
            long w = shape.width();
            long h = shape.height();
            return Nd4j.create(a.data(), new long[] {a.size(1), h, w, c}, new long[] {h * w * c, w * c, c, 1},
                    a.offset(), 'c', a.dataType());
        });
    }
}
