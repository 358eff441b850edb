/**
 * vae4j's API: the {@link io.github.vae4j.Vae} facade and its builder, the training plan, data sources, reports, the
 * model file format and the backend SPI. No native code. Backends register an implementation of
 * {@link io.github.vae4j.spi.VaeBackend}, as a service of a module or in {@code META-INF/services} of a jar on the
 * class path; the CPU backend {@code vae-nd4j} runs on ND4J, whose jars split packages between them, so it and ND4J
 * go on the class path.
 */
module io.github.vae4j.api {
    requires com.google.common;
    requires de.siegmar.fastcsv;
    requires org.slf4j;

    exports io.github.vae4j;
    exports io.github.vae4j.data;
    exports io.github.vae4j.distributed;
    exports io.github.vae4j.io;
    exports io.github.vae4j.series;
    exports io.github.vae4j.spi;
    exports io.github.vae4j.tabular;

    uses io.github.vae4j.spi.VaeBackend;
}
