/**
 * The distributed-training seam: a cluster library gives the rows where they are as
 * {@link io.github.vae4j.distributed.DistributedRows}, and computes each step's share on its workers with a
 * {@link io.github.vae4j.distributed.GradientWorker}; {@code Vae.fit(DistributedRows, Training)} drives the run. The
 * {@code vae-spark} module implements it for Spark.
 */
package io.github.vae4j.distributed;
