/**
 * The decoder distributions p(x|z) of the ND4J backend, one class each: {@link
 * io.github.vae4j.nd4j.likelihood.BernoulliLikelihood} and {@link io.github.vae4j.nd4j.likelihood.GaussianLikelihood},
 * behind {@link io.github.vae4j.nd4j.likelihood.LikelihoodModel}. A new likelihood says how many decoder heads it
 * needs and computes its negative log-likelihood, its gradient and its mean.
 *
 * <pre>{@code
 * LikelihoodModel bernoulli = new BernoulliLikelihood();
 * bernoulli.negativeLogLikelihood(heads, x, nll, headGradients, 1.0 / rows, scratch);   // nats per example
 * }</pre>
 */
package io.github.vae4j.nd4j.likelihood;
