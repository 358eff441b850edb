/**
 * Variational autoencoders for the JVM: the {@link io.github.vae4j.Vae} facade, its builder (what a model is), the
 * {@link io.github.vae4j.Training} plan (how one run trains it), data sources, reports and listeners.
 *
 * <pre>{@code
 * try (Vae vae = Vae.builder().latent(10).hidden(512, 384, 256).build()) {
 *     FitReport report = vae.fit(rows, Training.builder().epochs(30).validationFraction(0.1).earlyStopping(5)
 *             .build());                                  // rows: float[][], one example a row
 *     float[][] z = vae.encode(rows);                     // posterior means
 *     float[][] x = vae.decode(z);                        // likelihood means
 *     double[] logP = vae.logLikelihood(rows, 100);      // importance-weighted log p(x), nats per row
 *     vae.save(Path.of("model.vae4j"));
 * }
 * }</pre>
 *
 * <p>Every loss term, ELBO and log-likelihood is in nats per example. Bad input is an
 * {@link java.lang.IllegalArgumentException} naming the row and column, before anything changes. A backend
 * ({@code vae-nd4j} for the CPU) must be on the class path; {@link io.github.vae4j.Vae.Builder#build()} finds it.
 */
package io.github.vae4j;
