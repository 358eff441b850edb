/**
 * The network of the ND4J backend: layers over one flat {@link io.github.vae4j.nd4j.nn.ParameterStore}, the hand-written
 * forward and backward passes and the one implementation of the ELBO in {@link io.github.vae4j.nd4j.nn.VaeNetwork},
 * the prior, and the machinery that makes a step fast (direct BLAS products, the thread {@code ComputeThreads}, reused ops,
 * heap scratch). Used by {@link io.github.vae4j.nd4j.Nd4jVaeModel}; public for tests and tools.
 *
 * <pre>{@code
 * VaeNetwork net = new VaeNetwork(config, new BernoulliLikelihood(), DataType.DOUBLE);   // float64, as the checks use
 * BatchBuffers.View f = net.newFrame(8, true).rows(8);
 * net.lossAndGradients(f, 1.0, 0.0);      // beta 1, no free bits: gradients in net.store().gradients()
 * }</pre>
 */
package io.github.vae4j.nd4j.nn;

