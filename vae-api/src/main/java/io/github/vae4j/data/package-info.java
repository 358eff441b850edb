/**
 * Data in files: the IDX format of MNIST and Fashion-MNIST ({@link io.github.vae4j.data.Idx}) and the data sources
 * behind {@link io.github.vae4j.DataSource#of}, {@link io.github.vae4j.DataSource#csv} and
 * {@link io.github.vae4j.DataSource#idx}, which stream a file once per epoch.
 *
 * <pre>{@code
 * float[][] images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"));      // all in memory, pixels / 255
 * CsvSource telemetry = (CsvSource) DataSource.csv(Path.of("telemetry.csv"));     // streamed; header read now
 * System.out.println(telemetry.columns());
 * }</pre>
 */
package io.github.vae4j.data;
