package io.github.vae4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each internal benchmark runs one short round and prints what it measured. */
class BenchmarksSmokeTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void productBenchmarkTimesEveryProductThreeWaysAndTheOneRowProductsTwo() {
        int code = ProductBenchmark.run(new String[] {"--rounds", "1"}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("backend: ND4J", "1 thread", "OpenBLAS, ", "vae4j team, ",
                "decoder 512->784 weight gradient (512x784x100)", "encoder 784->512, one row", "vae4j (sgemv)");
        assertThat(out().lines().filter(l -> l.contains("GFLOP/s")).count()).isEqualTo(7);
        assertThat(out()).contains("one training step (batch 100, bundled MNIST, public API): median",
                "its 35 matrix products alone, on the team", "the products' share of a step: ");
    }

    @Test
    void convolutionBenchmarkTimesBothRoutes() {
        int code = ConvolutionBenchmark.run(new String[] {"--rounds", "1"}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("patch");
    }

    @Test
    void streamingBenchmarkTimesTrainingScoringAndStreamingAndShowsTheHeap() {
        int code = StreamingBenchmark.run(new String[] {"--rounds", "1"}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("windows/s", "batch scoring:", "after     10000 points streamed: heap in use",
                "streaming:        median");
    }
}
