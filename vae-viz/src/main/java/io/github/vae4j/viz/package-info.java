/**
 * Pictures of a VAE from plain arrays and the {@link io.github.vae4j.Vae} facade, written as PNG or GIF: image grids of
 * originals and reconstructions, samples, the latent scatter plot, the decoded manifold, interpolations, training
 * curves, training runs compared, and ROC curves. Needs no backend of its own.
 *
 * <pre>{@code
 * TrainingHistory history = new TrainingHistory();
 * vae.fit(rows, history);
 * TrainingCurves.writePng(Path.of("training-curve.png"), history);
 * LatentScatter.writePng(Path.of("latent.png"), vae.encode(test), labels, k -> "digit " + k);
 * }</pre>
 */
package io.github.vae4j.viz;
