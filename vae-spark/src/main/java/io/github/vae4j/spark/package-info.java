/**
 * vae4j on Apache Spark: {@link io.github.vae4j.spark.SparkVae}, an ML {@code Estimator} that trains one model by
 * synchronous data-parallel gradient steps over a {@code Dataset}'s partitions, and
 * {@link io.github.vae4j.spark.SparkVaeModel}, the {@code Model} that scores and encodes rows with the model loaded
 * once per executor JVM. Both save and load as pipeline stages. Spark is a provided dependency: the cluster brings
 * it. See {@code docs/spark.md}.
 */
package io.github.vae4j.spark;
