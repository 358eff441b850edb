package io.github.vae4j.nd4j.nn;

import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel.Scratch;
import io.github.vae4j.spi.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE's layers and the one implementation of its loss, -ELBO = nll + beta * KL, with the hand-written backward
 * pass:
 * <pre>
 *   x -> [dense, ReLU] x hidden -> mean head mu, log-variance head lv
 *   z = mu + exp(lv / 2) * eps
 *   z -> [dense, ReLU] x hidden reversed -> likelihood heads -> -log p(x|z)
 * </pre>
 * Parameters are laid out in one flat array in this order, each layer's weights ({@code in x out}, column-major)
 * then biases: encoder hidden layers, mean head, log-variance head, decoder hidden layers, likelihood heads.
 */
public final class VaeNetwork {

    private final ParameterStore store;
    private final List<DenseLayer> encoder = new ArrayList<>();
    private final DenseLayer meanHead;
    private final DenseLayer logVarHead;
    private final List<DenseLayer> decoder = new ArrayList<>();
    private final DenseLayer[] outputHeads;
    private final LikelihoodModel likelihood;
    private final double beta;
    private final Frame.Shape shape;

    /**
     * Builds the layers on a new parameter store; parameters are zero until {@link #initialise(RandomStream)}.
     *
     * @param config the configuration, with the input size set
     * @param likelihood the decoder distribution
     * @param type element type: FLOAT to train, DOUBLE for gradient checks
     */
    public VaeNetwork(VaeConfig config, LikelihoodModel likelihood, DataType type) {
        this.likelihood = likelihood;
        this.beta = config.beta();
        int in = config.inputSize();
        int latent = config.latentSize();
        List<Integer> hidden = config.hiddenSizes();
        List<Integer> reversed = new ArrayList<>(hidden);
        java.util.Collections.reverse(reversed);
        this.shape = new Frame.Shape(in, hidden, latent, reversed, likelihood.heads());
        this.store = new ParameterStore(type, parameterCount(config, likelihood.heads()));
        int width = in;
        for (int i = 0; i < hidden.size(); i++) {
            encoder.add(new DenseLayer("encoder hidden " + i, width, hidden.get(i), store));
            width = hidden.get(i);
        }
        meanHead = new DenseLayer("encoder mean head", width, latent, store);
        logVarHead = new DenseLayer("encoder log-variance head", width, latent, store);
        width = latent;
        for (int i = 0; i < reversed.size(); i++) {
            decoder.add(new DenseLayer("decoder hidden " + i, width, reversed.get(i), store));
            width = reversed.get(i);
        }
        outputHeads = new DenseLayer[likelihood.heads()];
        for (int k = 0; k < outputHeads.length; k++) {
            outputHeads[k] = new DenseLayer("decoder output head " + k, width, in, store);
        }
        if (!store.isFullyTaken()) {
            throw new IllegalStateException("parameter layout mismatch");
        }
    }

    /**
     * @param config the configuration, with the input size set
     * @param heads decoder output heads of the likelihood
     * @return the number of parameters of such a network
     */
    public static long parameterCount(VaeConfig config, int heads) {
        long count = 0;
        int width = config.inputSize();
        for (int h : config.hiddenSizes()) {
            count += DenseLayer.parameterCount(width, h);
            width = h;
        }
        count += 2 * DenseLayer.parameterCount(width, config.latentSize());
        width = config.latentSize();
        for (int i = config.hiddenSizes().size() - 1; i >= 0; i--) {
            count += DenseLayer.parameterCount(width, config.hiddenSizes().get(i));
            width = config.hiddenSizes().get(i);
        }
        return count + heads * DenseLayer.parameterCount(width, config.inputSize());
    }

    /**
     * He-uniform weights and zero biases, layer by layer in parameter order.
     *
     * @param random the source of the initial values
     */
    public void initialise(RandomStream random) {
        for (DenseLayer layer : allLayers()) {
            layer.initialise(random::nextDouble);
        }
    }

    private List<DenseLayer> allLayers() {
        List<DenseLayer> all = new ArrayList<>(encoder);
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
    public Frame.Shape shape() {
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
    public Frame newFrame(int capacity, boolean withGradients) {
        return new Frame(shape, capacity, withGradients, store.type());
    }

    // ---------------------------------------------------------------------------------------------- forward

    /**
     * q(z|x): fills {@code f.mu} and {@code f.logVar} from {@code f.x}.
     *
     * @param f the frame view
     */
    public void encode(Frame.View f) {
        INDArray h = f.x;
        for (int i = 0; i < encoder.size(); i++) {
            encoder.get(i).forward(h, f.encAct[i], f.onesRow);
            Activations.reluInPlace(f.encAct[i]);
            h = f.encAct[i];
        }
        meanHead.forward(h, f.mu, f.onesRow);
        logVarHead.forward(h, f.logVar, f.onesRow);
    }

    /**
     * The reparameterisation: {@code sigma = exp(lv / 2)}, {@code variance = sigma^2},
     * {@code z = mu + sigma * eps}.
     *
     * @param f the frame view, with mu, logVar and eps filled
     */
    public void reparameterise(Frame.View f) {
        Nd4j.exec(new ScalarMultiplication(f.logVar, null, f.sigma, 0.5));
        Nd4j.exec(new Exp(f.sigma, f.sigma));
        f.sigma.mul(f.sigma, f.variance);
        f.sigma.mul(f.eps, f.z);
        f.z.addi(f.mu);
    }

    /**
     * p(x|z): fills the output heads from {@code z}.
     *
     * @param f the frame view
     * @param z {@code L x R} latent points (usually {@code f.z})
     */
    public void decode(Frame.View f, INDArray z) {
        INDArray h = z;
        for (int i = 0; i < decoder.size(); i++) {
            decoder.get(i).forward(h, f.decAct[i], f.onesRow);
            Activations.reluInPlace(f.decAct[i]);
            h = f.decAct[i];
        }
        for (int k = 0; k < outputHeads.length; k++) {
            outputHeads[k].forward(h, f.heads[k], f.onesRow);
        }
    }

    /**
     * The mean of p(x|z) from the filled heads.
     *
     * @param f the frame view, after {@link #decode}
     * @param out {@code F x R} receives the mean
     */
    public void likelihoodMean(Frame.View f, INDArray out) {
        likelihood.mean(f.heads, out, scratch(f));
    }

    /**
     * The two terms of -ELBO per example, no gradient: fills {@code f.nll} and {@code f.kl}.
     *
     * @param f the frame view, with x and eps filled
     */
    public void evaluate(Frame.View f) {
        encode(f);
        reparameterise(f);
        decode(f, f.z);
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, null, 1.0, scratch(f));
        StandardNormalPrior.kl(f.mu, f.logVar, f.variance, f.dz, f.onesL, f.kl);
    }

    /**
     * -log p(x|z) per example for given latent points: fills {@code f.nll}.
     *
     * @param f the frame view, with x and z filled
     */
    public void negativeLogLikelihood(Frame.View f) {
        decode(f, f.z);
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, null, 1.0, scratch(f));
    }

    // --------------------------------------------------------------------------------------------- backward

    /**
     * Forward and backward pass of the batch-mean loss mean(nll + beta * KL): fills the store's gradients and
     * {@code f.nll}, {@code f.kl}.
     *
     * @param f a frame view with gradients, with x and eps filled
     */
    public void lossAndGradients(Frame.View f) {
        double scale = 1.0 / f.r;
        encode(f);
        reparameterise(f);
        decode(f, f.z);
        Scratch s = scratch(f);
        likelihood.negativeLogLikelihood(f.heads, f.x, f.nll, f.headGrads, scale, s);
        StandardNormalPrior.kl(f.mu, f.logVar, f.variance, f.dz, f.onesL, f.kl);

        // decoder: heads, then hidden layers from the output side
        int d = decoder.size();
        INDArray lastDec = d == 0 ? f.z : f.decAct[d - 1];
        INDArray dLast = d == 0 ? f.dz : f.decGrad[d - 1];
        for (int k = 0; k < outputHeads.length; k++) {
            outputHeads[k].backward(lastDec, f.headGrads[k], dLast, k > 0, f.onesR);
        }
        for (int i = d - 1; i >= 0; i--) {
            Activations.reluBackwardInPlace(f.decAct[i], f.decGrad[i]);
            INDArray input = i == 0 ? f.z : f.decAct[i - 1];
            INDArray dInput = i == 0 ? f.dz : f.decGrad[i - 1];
            decoder.get(i).backward(input, f.decGrad[i], dInput, false, f.onesR);
        }

        // reparameterisation: dmu = dz, dlv = dz * eps * sigma / 2; then the KL's gradient
        f.dz.mul(f.eps, f.dLogVar);
        f.dLogVar.muli(f.sigma);
        Nd4j.exec(new ScalarMultiplication(f.dLogVar, null, f.dLogVar, 0.5));
        f.dMu.assign(f.dz);
        StandardNormalPrior.addKlGradient(f.mu, f.variance, beta * scale, f.dz, f.dMu, f.dLogVar);

        // encoder: heads, then hidden layers from the latent side
        int e = encoder.size();
        INDArray lastEnc = e == 0 ? f.x : f.encAct[e - 1];
        INDArray dLastEnc = e == 0 ? null : f.encGrad[e - 1];
        meanHead.backward(lastEnc, f.dMu, dLastEnc, false, f.onesR);
        logVarHead.backward(lastEnc, f.dLogVar, dLastEnc, true, f.onesR);
        for (int i = e - 1; i >= 0; i--) {
            Activations.reluBackwardInPlace(f.encAct[i], f.encGrad[i]);
            INDArray input = i == 0 ? f.x : f.encAct[i - 1];
            INDArray dInput = i == 0 ? null : f.encGrad[i - 1];
            encoder.get(i).backward(input, f.encGrad[i], dInput, false, f.onesR);
        }
    }

    private static Scratch scratch(Frame.View f) {
        return new Scratch(f.scratch, f.onesF);
    }

    /** @return the KL weight */
    public double beta() {
        return beta;
    }

    /** @return the element type */
    public DataType dataType() {
        return store.type();
    }
}
