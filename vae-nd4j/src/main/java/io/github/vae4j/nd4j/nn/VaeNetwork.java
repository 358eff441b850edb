package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.LatentPrior;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.Activations;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.HostKernels;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel.Scratch;
import io.github.vae4j.spi.RandomStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VAE's layers and the one implementation of its loss, -ELBO = nll + KL, and of the training objective
 * nll + beta * KL (with the KL floored per dimension under free bits), with the hand-written backward pass:
 * <pre>
 *   x -> [conv, ReLU] x convolutions -> [dense, ReLU] x hidden -> mean head mu, log-variance head lv, both
 *     bounded ({@link SoftBound})
 *   z = mu + exp(lv / 2) * eps
 *   z -> [dense, ReLU] x hidden reversed (-> [dense, ReLU] to the last convolution's output shape
 *     -> [transposed conv, ReLU] x (convolutions - 1)) -> likelihood heads -> -log p(x|z)
 * </pre>
 * The likelihood heads are dense layers, or transposed convolutions back to the image shape when the model has
 * convolutions. Parameters are laid out in one flat array in this order, each layer's weights then biases: encoder
 * layers, mean head, log-variance head, decoder layers, likelihood heads. Dense weights are {@code in x out},
 * column-major; convolution weights as in {@link ConvLayer}. A dense model's layout is that of format 1.
 *
 * <p>A conditional model (Sohn et al. 2015) joins its condition c to the input of the encoder's first dense layer
 * (after the convolutions) and of the decoder's first layer: each computes {@code W^T [h; c] + b}, as
 * {@code W_h^T h + b + W_c^T c} with the condition's weights {@link ConditionWeights} kept after every layer's
 * parameters (encoder's, then decoder's), so an unconditional model's layout is unchanged.
 */
public final class VaeNetwork {

    /**
     * System property: how convolutions compute, {@code patches} (the default: {@link ConvLayer}'s patch products)
     * or {@code nd4j} ({@link OpsConvLayer}: ND4J's {@code conv2d}/{@code deconv2d} ops). Both give the same values
     * to float rounding; the property is for comparing them.
     */
    public static final String CONVOLUTIONS_PROPERTY = HostKernels.CONVOLUTIONS_PROPERTY;

    private final ParameterStore store;
    private final List<Layer> encoder = new ArrayList<>();
    private final DenseLayer meanHead;
    private final DenseLayer logVarHead;
    private final List<Layer> decoder = new ArrayList<>();
    private final Layer[] outputHeads;
    private final LikelihoodModel likelihood;
    /** The prior; the standard normal's KL has its closed form, any other's is estimated at the sample. */
    private final LatentPrior prior;
    private final BatchBuffers.Shape shape;
    private final Kernels kernels;
    /** The encoder layer the condition joins: its first dense one, after the convolutions. */
    private final int joinedEncoderLayer;
    /** The condition's weights into that layer and into the decoder's first; {@code null} without conditions. */
    private final ConditionWeights encoderCondition;
    private final ConditionWeights decoderCondition;

    /** Fewer examples per thread are not worth a hand-off for the likelihood. */
    private static final int MIN_EXAMPLES_PER_PART = 16;

    /**
     * Builds the layers on a new parameter store with the host-tuned kernels; parameters are zero until
     * {@link #initialise(RandomStream)}.
     *
     * @param config the configuration, with the input size set
     * @param likelihood the decoder distribution
     * @param type element type: FLOAT to train, DOUBLE for gradient checks
     */
    public VaeNetwork(VaeConfig config, LikelihoodModel likelihood, DataType type) {
        this(config, likelihood, type, Kernels.hostTuned());
    }

    /**
     * Builds the layers on a new parameter store; parameters are zero until {@link #initialise(RandomStream)}.
     *
     * @param config the configuration, with the input size set
     * @param likelihood the decoder distribution
     * @param type element type: FLOAT to train, DOUBLE for gradient checks
     * @param kernels how the layers compute: the same set as the likelihood's
     */
    public VaeNetwork(VaeConfig config, LikelihoodModel likelihood, DataType type, Kernels kernels) {
        this.likelihood = likelihood;
        this.prior = config.prior();
        this.kernels = kernels;
        List<Integer> widths = config.encoderWidths();
        List<Integer> reversed = new ArrayList<>(widths);
        Collections.reverse(reversed);
        int headWidth = likelihood.headWidth(config.inputSize());
        this.shape = new BatchBuffers.Shape(config.inputSize(), widths, config.latentSize(), reversed,
                likelihood.heads(), headWidth, config.conditions());
        Plan plan = Plan.of(config, likelihood.heads(), headWidth);
        this.store = new ParameterStore(type, plan.parameterCount());
        Convolutions conv = config.convolutions();
        plan.encoder().forEach(spec -> encoder.add(spec.create(conv, store, kernels)));
        meanHead = (DenseLayer) plan.meanHead().create(conv, store, kernels);
        logVarHead = (DenseLayer) plan.logVarHead().create(conv, store, kernels);
        plan.decoder().forEach(spec -> decoder.add(spec.create(conv, store, kernels)));
        outputHeads = plan.heads().stream().map(spec -> spec.create(conv, store, kernels)).toArray(Layer[]::new);
        joinedEncoderLayer = conv.filters().size();
        int c = config.conditions();
        encoderCondition = c == 0 ? null : new ConditionWeights("condition into " + encoder.get(joinedEncoderLayer)
                .name(), c, encoder.get(joinedEncoderLayer).out(), store, kernels);
        decoderCondition = c == 0 ? null : new ConditionWeights("condition into " + decoder.get(0).name(), c,
                decoder.get(0).out(), store, kernels);
        if (!store.isFullyTaken()) {
            throw new IllegalStateException("parameter layout mismatch");
        }
    }

    /**
     * One layer to build: dense when the shapes are {@code null}, else a convolution or a transposed one.
     */
    private record Spec(String name, int in, int out, ImageShape inShape, ImageShape outShape, boolean transposed) {

        static Spec dense(String name, int in, int out) {
            return new Spec(name, in, out, null, null, false);
        }

        static Spec conv(String name, ImageShape in, ImageShape out, boolean transposed) {
            return new Spec(name, in.size(), out.size(), in, out, transposed);
        }

        long parameterCount(Convolutions conv) {
            return inShape == null ? DenseLayer.parameterCount(in, out)
                    : ConvLayer.parameterCount(conv.kernelSize(), inShape.channels(), outShape.channels());
        }

        Layer create(Convolutions conv, ParameterStore store, Kernels kernels) {
            if (inShape == null) {
                return new DenseLayer(name, in, out, store, kernels);
            }
            return kernels.patchConvolutions() ? new ConvLayer(name, inShape, outShape, conv, transposed, store)
                    : new OpsConvLayer(name, inShape, outShape, conv, transposed, store);
        }
    }

    /**
     * The layers in parameter order. The encoder: one convolution per filter count, then the dense hidden layers;
     * the decoder mirrors it: dense layers back to the last convolution's output, then transposed convolutions, the
     * output heads being the last of them (or dense, without convolutions).
     */
    private record Plan(List<Spec> encoder, Spec meanHead, Spec logVarHead, List<Spec> decoder, List<Spec> heads,
            long parameterCount) {

        static Plan of(VaeConfig config, int heads, int headWidth) {
            Convolutions conv = config.convolutions();
            List<ImageShape> images = config.isImage() ? conv.shapes(config.image()) : List.of();
            int convs = conv.filters().size();
            List<Spec> enc = new ArrayList<>();
            for (int i = 0; i < convs; i++) {
                enc.add(Spec.conv("encoder convolution " + i, images.get(i), images.get(i + 1), false));
            }
            int width = convs > 0 ? images.get(convs).size() : config.inputSize();
            List<Integer> hidden = config.hiddenSizes();
            for (int i = 0; i < hidden.size(); i++) {
                enc.add(Spec.dense("encoder hidden " + i, width, hidden.get(i)));
                width = hidden.get(i);
            }
            int latent = config.latentSize();
            Spec mean = Spec.dense("encoder mean head", width, latent);
            Spec logVar = Spec.dense("encoder log-variance head", width, latent);
            List<Spec> dec = new ArrayList<>();
            width = latent;
            for (int i = hidden.size() - 1; i >= 0; i--) {
                dec.add(Spec.dense("decoder hidden " + (hidden.size() - 1 - i), width, hidden.get(i)));
                width = hidden.get(i);
            }
            List<Spec> out = new ArrayList<>();
            if (convs > 0) {
                dec.add(Spec.dense("decoder dense to " + images.get(convs), width, images.get(convs).size()));
                for (int i = convs; i >= 2; i--) {
                    dec.add(Spec.conv("decoder transposed convolution " + (convs - i), images.get(i),
                            images.get(i - 1), true));
                }
                for (int k = 0; k < heads; k++) {
                    out.add(Spec.conv("decoder output head " + k, images.get(1), images.get(0), true));
                }
            } else {
                for (int k = 0; k < heads; k++) {
                    out.add(Spec.dense("decoder output head " + k, width, headWidth));
                }
            }
            long count = 0;
            for (Spec spec : enc) {
                count += spec.parameterCount(conv);
            }
            count += mean.parameterCount(conv) + logVar.parameterCount(conv);
            for (Spec spec : dec) {
                count += spec.parameterCount(conv);
            }
            for (Spec spec : out) {
                count += spec.parameterCount(conv);
            }
            if (config.isConditional()) {
                count += ConditionWeights.parameterCount(config.conditions(), enc.get(convs).out())
                        + ConditionWeights.parameterCount(config.conditions(), dec.get(0).out());
            }
            return new Plan(enc, mean, logVar, dec, out, count);
        }
    }

    /**
     * He-uniform weights and zero biases, layer by layer in parameter order.
     *
     * @param random the source of the initial values
     */
    public void initialise(RandomStream random) {
        for (Layer layer : allLayers()) {
            layer.initialise(random::nextDouble);
        }
        if (encoderCondition != null) {
            Layer encoderJoined = encoder.get(joinedEncoderLayer);
            encoderCondition.initialise(encoderJoined.in() + shape.conditions(), random::nextDouble);
            decoderCondition.initialise(decoder.get(0).in() + shape.conditions(), random::nextDouble);
        }
    }

    private List<Layer> allLayers() {
        List<Layer> all = new ArrayList<>(encoder);
        all.add(meanHead);
        all.add(logVarHead);
        all.addAll(decoder);
        all.addAll(List.of(outputHeads));
        return all;
    }

    /** @return the parameter and gradient store */
    public ParameterStore store() {
        return store;
    }

    /** @return the widths a frame for this network needs */
    public BatchBuffers.Shape shape() {
        return shape;
    }

    /** @return the decoder distribution */
    public LikelihoodModel likelihood() {
        return likelihood;
    }

    /**
     * A new frame for this network.
     *
     * @param capacity the most examples per pass
     * @param withGradients whether it will be used for training
     * @return the frame
     */
    public BatchBuffers newFrame(int capacity, boolean withGradients) {
        return new BatchBuffers(shape, capacity, withGradients, store.type(), kernels);
    }

    /** @return how this network computes */
    public Kernels kernels() {
        return kernels;
    }

    // ---------------------------------------------------------------------------------------------- forward

    /**
     * q(z|x): fills {@code f.mu} and {@code f.logVar} from {@code f.x}.
     *
     * @param f the frame view
     */
    public void encode(BatchBuffers.View f) {
        INDArray h = f.x;
        for (int i = 0; i < encoder.size(); i++) {
            encoder.get(i).forward(h, f.encAct[i]);
            if (encoderCondition != null && i == joinedEncoderLayer) {
                encoderCondition.addForward(f.c, f.encAct[i]);
            }
            Activations.reluInPlace(f.ops, f.encAct[i]);
            h = f.encAct[i];
        }
        meanHead.forward(h, f.mu);
        logVarHead.forward(h, f.logVar);
        boolean bentMean = SoftBound.MEAN.forward(f.mu, f.latentScratch);
        f.posteriorBent = SoftBound.LOG_VARIANCE.forward(f.logVar, f.latentScratch) || bentMean;
    }

    /**
     * The reparameterisation: {@code sigma = exp(lv / 2)}, {@code variance = sigma^2},
     * {@code z = mu + sigma * eps}, in double precision on the heap ({@link LatentHeapArrays}).
     *
     * @param f the frame view, with mu, logVar and eps filled
     */
    public void reparameterise(BatchBuffers.View f) {
        LatentHeapArrays scratch = f.latentScratch;
        int n = (int) f.mu.length();
        double[] mu = scratch.read(0, f.mu);
        double[] lv = scratch.read(1, f.logVar);
        double[] eps = scratch.read(2, f.eps);
        double[] sigma = scratch.get(3);
        double[] variance = scratch.get(4);
        for (int i = 0; i < n; i++) {
            sigma[i] = Math.exp(0.5 * lv[i]);
            variance[i] = sigma[i] * sigma[i];
            mu[i] += sigma[i] * eps[i];
        }
        scratch.write(sigma, f.sigma);
        scratch.write(variance, f.variance);
        scratch.write(mu, f.z);
    }

    /**
     * The reparameterisation's backward pass: {@code dMu = dz}, {@code dLogVar = dz * eps * sigma / 2}.
     *
     * @param f the frame view, with dz filled
     */
    private static void reparameteriseBackward(BatchBuffers.View f) {
        LatentHeapArrays scratch = f.latentScratch;
        int n = (int) f.dz.length();
        double[] dz = scratch.read(0, f.dz);
        double[] eps = scratch.read(1, f.eps);
        double[] sigma = scratch.read(2, f.sigma);
        double[] dLogVar = scratch.get(3);
        for (int i = 0; i < n; i++) {
            dLogVar[i] = 0.5 * dz[i] * eps[i] * sigma[i];
        }
        scratch.write(dz, f.dMu);
        scratch.write(dLogVar, f.dLogVar);
    }

    /**
     * p(x|z): fills the output heads from {@code z}.
     *
     * @param f the frame view
     * @param z {@code L x R} latent points (usually {@code f.z})
     */
    public void decode(BatchBuffers.View f, INDArray z) {
        INDArray h = z;
        for (int i = 0; i < decoder.size(); i++) {
            decoder.get(i).forward(h, f.decAct[i]);
            if (decoderCondition != null && i == 0) {
                decoderCondition.addForward(f.c, f.decAct[i]);
            }
            Activations.reluInPlace(f.ops, f.decAct[i]);
            h = f.decAct[i];
        }
        for (int k = 0; k < outputHeads.length; k++) {
            outputHeads[k].forward(h, f.heads[k]);
        }
    }

    /**
     * Draws x from p(x|z) given the filled heads.
     *
     * @param f the frame view, after {@link #decode}
     * @param out {@code F x R} receives the draws
     * @param random the source of the draws
     */
    public void likelihoodSample(BatchBuffers.View f, INDArray out, RandomStream random) {
        likelihood.sample(f.heads, out, random);
    }

    /**
     * The log-likelihood terms of each example (a tabular model's columns) from the filled heads.
     *
     * @param f the frame view, after {@link #decode}, with x filled
     * @param terms receives {@code R x termCount} values
     */
    public void likelihoodTerms(BatchBuffers.View f, double[] terms) {
        likelihood.logLikelihoodTerms(f.heads, f.x, terms);
    }

    /**
     * The mean of p(x|z) from the filled heads.
     *
     * @param f the frame view, after {@link #decode}
     * @param out {@code F x R} receives the mean
     */
    public void likelihoodMean(BatchBuffers.View f, INDArray out) {
        likelihood.mean(f.heads, out, scratch(f));
    }

    /**
     * The two terms of -ELBO per example, no gradient: fills {@code f.nll} and {@code f.kl}.
     *
     * @param f the frame view, with x and eps filled
     */
    public void evaluate(BatchBuffers.View f) {
        encode(f);
        reparameterise(f);
        decode(f, f.z);
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, null, 1.0, scratch(f));
        kl(f);
    }

    /**
     * The KL term per example into {@code f.kl}: the standard normal's closed form, or the estimate at the sample.
     *
     * @param f the frame view, after {@link #reparameterise} (mu, logVar, variance, eps and z filled)
     */
    public void kl(BatchBuffers.View f) {
        if (prior.isStandardNormal()) {
            StandardNormalPrior.kl(f.mu, f.logVar, f.variance, f.kl, f.latentScratch);
        } else {
            SampledKl.kl(f, prior);
        }
    }

    /**
     * -log p(x|z) per example for given latent points: fills {@code f.nll}.
     *
     * @param f the frame view, with x and z filled
     */
    public void negativeLogLikelihood(BatchBuffers.View f) {
        decode(f, f.z);
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, null, 1.0, scratch(f));
    }

    // --------------------------------------------------------------------------------------------- backward

    /**
     * The batch-mean training objective from a frame after {@link #evaluate} or {@link #lossAndGradients}:
     * mean(nll) + beta * mean(KL), or, under free bits, mean(nll) + beta * sum_j max(lambda, KL_j) with KL_j the
     * batch-mean KL of latent dimension j.
     *
     * @param f the frame view, with nll, kl, mu, logVar and variance filled
     * @param beta the weight of the KL term
     * @param freeBits lambda, nats per dimension; 0 for none
     * @return the objective, nats per example
     */
    public double objective(BatchBuffers.View f, double beta, double freeBits) {
        double reconstruction = kernels.sum(f.nll, f.r) / f.r;
        if (freeBits > 0) {
            double[] perDimension = StandardNormalPrior.klPerDimension(f.mu, f.logVar, f.variance, f.latentScratch);
            return reconstruction + beta * StandardNormalPrior.flooredKl(perDimension, freeBits);
        }
        return reconstruction + beta * (kernels.sum(f.kl, f.r) / f.r);
    }

    /**
     * Forward and backward pass of the batch-mean training objective ({@link #objective}): fills the store's
     * gradients and {@code f.nll}, {@code f.kl}.
     *
     * @param f a frame view with gradients, with x and eps filled
     * @param beta the weight of the KL term
     * @param freeBits the free-bits floor lambda in nats per latent dimension; 0 for none
     */
    public void lossAndGradients(BatchBuffers.View f, double beta, double freeBits) {
        if (freeBits > 0 && !prior.isStandardNormal()) {
            throw new IllegalArgumentException("free bits (" + freeBits + " nats per dimension) need the standard "
                    + "normal prior, whose KL splits by dimension; the prior is " + prior.name());
        }
        double scale = 1.0 / f.r;
        encode(f);
        reparameterise(f);
        decode(f, f.z);
        likelihoodAndGradient(f, scale);
        kl(f);
        double[] perDimension = freeBits > 0
                ? StandardNormalPrior.klPerDimension(f.mu, f.logVar, f.variance, f.latentScratch) : null;

        // decoder: heads, then hidden layers from the output side
        int d = decoder.size();
        INDArray lastDec = d == 0 ? f.z : f.decAct[d - 1];
        INDArray dLast = d == 0 ? f.dz : f.decGrad[d - 1];
        for (int k = 0; k < outputHeads.length; k++) {
            outputHeads[k].backward(lastDec, f.headGrads[k], dLast, k > 0, f.onesR);
        }
        for (int i = d - 1; i >= 0; i--) {
            kernels.reluBackward(f.ops, f.decAct[i], f.decGrad[i]);
            if (decoderCondition != null && i == 0) {
                decoderCondition.backward(f.c, f.decGrad[i]);
            }
            INDArray input = i == 0 ? f.z : f.decAct[i - 1];
            INDArray dInput = i == 0 ? f.dz : f.decGrad[i - 1];
            decoder.get(i).backward(input, f.decGrad[i], dInput, false, f.onesR);
        }

        reparameteriseBackward(f);
        if (prior.isStandardNormal()) {
            StandardNormalPrior.addKlGradient(f.mu, f.variance, beta * scale, f.dMu, f.dLogVar, f.latentScratch,
                    perDimension, freeBits);
        } else {
            SampledKl.addGradient(f, prior, beta * scale);
        }

        // encoder: heads, then hidden layers from the latent side
        int e = encoder.size();
        INDArray lastEnc = e == 0 ? f.x : f.encAct[e - 1];
        INDArray dLastEnc = e == 0 ? null : f.encGrad[e - 1];
        if (f.posteriorBent) {
            SoftBound.MEAN.backward(f.mu, f.dMu, f.latentScratch);
            SoftBound.LOG_VARIANCE.backward(f.logVar, f.dLogVar, f.latentScratch);
        }
        meanHead.backward(lastEnc, f.dMu, dLastEnc, false, f.onesR);
        logVarHead.backward(lastEnc, f.dLogVar, dLastEnc, true, f.onesR);
        for (int i = e - 1; i >= 0; i--) {
            kernels.reluBackward(f.ops, f.encAct[i], f.encGrad[i]);
            if (encoderCondition != null && i == joinedEncoderLayer) {
                encoderCondition.backward(f.c, f.encGrad[i]);
            }
            INDArray input = i == 0 ? f.x : f.encAct[i - 1];
            INDArray dInput = i == 0 ? null : f.encGrad[i - 1];
            encoder.get(i).backward(input, f.encGrad[i], dInput, false, f.onesR);
        }
    }

    /**
     * The likelihood's values and head gradients, its examples shared between the team's threads: the largest
     * elementwise work of a step (several ops over {@code F x R}).
     */
    private void likelihoodAndGradient(BatchBuffers.View f, double scale) {
        ComputeThreads team = kernels.team();
        int parts = Math.min(team.size(), f.r / MIN_EXAMPLES_PER_PART);
        if (parts > 1) {
            BatchBuffers.View[] split = f.split(parts);
            team.runAll(i -> {
                if (i >= split.length) {
                    return; // fewer parts than threads: a small batch on many cores
                }
                BatchBuffers.View p = split[i];
                likelihood.negativeLogLikelihood(p.heads, p.x, p.nll, p.headGrads, scale, scratch(p));
            });
            return;
        }
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, f.headGrads, scale, scratch(f));
    }

    private Scratch scratch(BatchBuffers.View f) {
        return kernels.hostMemory() ? new Scratch(f.scratch, f.onesF, f.ops, f.hostFeatures, f.hostFrom)
                : new Scratch(f.scratch, f.onesF, f.ops);
    }

    /** @return the element type */
    public DataType dataType() {
        return store.type();
    }
}
