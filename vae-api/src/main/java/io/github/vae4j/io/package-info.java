/**
 * The model file: a versioned, checksummed binary format written atomically, with every size checked before anything
 * is allocated when a file is read. {@link io.github.vae4j.Vae#save} and {@link io.github.vae4j.Vae#load} use it;
 * {@link io.github.vae4j.io.ModelFile} reads and writes the {@link io.github.vae4j.io.SavedModel} itself, for tools.
 *
 * <pre>{@code
 * SavedModel saved = ModelFile.read(Path.of("model.vae4j"));   // ModelFormatException if damaged or foreign
 * System.out.println(saved.provenance());                       // library and Java versions, data size, ELBO, date
 * System.out.println(saved.state().optimizer());                // the optimiser and its hyperparameters
 * }</pre>
 *
 * <p>The layout, byte by byte, and the compatibility promise are in {@code docs/model-format.md}.
 */
package io.github.vae4j.io;
