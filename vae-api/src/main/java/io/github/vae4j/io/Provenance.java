package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * How a saved model was made, so that a file can say where it came from.
 *
 * @param libraryVersion the vae4j version that wrote the file
 * @param javaVersion {@code java.version} of the writing JVM
 * @param backend the backend's description line
 * @param trainingExamples rows in the data of the last {@code fit}, 0 if never trained
 * @param epochs epochs completed over the model's life
 * @param seed the configuration's seed
 * @param finalElbo mean ELBO of the last completed epoch in nats per example, NaN if never trained
 * @param createdAt when the file was written
 */
public record Provenance(String libraryVersion, String javaVersion, String backend, long trainingExamples,
        int epochs, long seed, double finalElbo, Instant createdAt) {

    /**
     * Rejects missing strings and times.
     *
     * @param libraryVersion the vae4j version that wrote the file
     * @param javaVersion {@code java.version} of the writing JVM
     * @param backend the backend's description line
     * @param trainingExamples rows in the data of the last {@code fit}, 0 if never trained
     * @param epochs epochs completed over the model's life
     * @param seed the configuration's seed
     * @param finalElbo mean ELBO of the last completed epoch in nats per example, NaN if never trained
     * @param createdAt when the file was written
     */
    public Provenance {
        checkNotNull(libraryVersion, "library version");
        checkNotNull(javaVersion, "Java version");
        checkNotNull(backend, "backend");
        checkNotNull(createdAt, "creation time");
    }
}
