/**
 * The trainer and its pieces, not part of the API: the module does not export this package, and its classes may
 * change in any release. {@link io.github.vae4j.training.Trainer} runs one resolved plan
 * ({@link io.github.vae4j.training.RunSettings}) over batches ({@link io.github.vae4j.training.PermutedBatches} in
 * memory, {@link io.github.vae4j.training.StreamedBatches} from a source, {@link
 * io.github.vae4j.training.DistributedBatches} where the rows are), with validation, the policies that end or save a
 * run, and the state that lives across runs ({@link io.github.vae4j.training.TrainingState}).
 */
package io.github.vae4j.training;
