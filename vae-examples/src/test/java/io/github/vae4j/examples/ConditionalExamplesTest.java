package io.github.vae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conditional examples, shortened: digits on demand judged by a classifier, and credit rows of a class. */
class ConditionalExamplesTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void digitsAskedForAreTheDigitsAJudgeSees(@TempDir Path dir) throws Exception {
        // half the digits, 12 epochs: the full run (8,000 digits, 30 epochs, 100 samples a digit) measured 94.6%
        // against 11.8%
        DigitsOnDemand.Result r = DigitsOnDemand.measure(Dataset.bundledMnist().limit(4000, 500), 12, 2, 20, 42, dir,
                out);
        assertThat(r.judgeAccuracy()).as("the judge on real test digits").isGreaterThan(0.9);
        assertThat(r.conditionalAgreement()).as("conditional samples of the digit asked for").isGreaterThan(0.8);
        assertThat(r.unconditionalAgreement()).as("an unconditional model against random requests").isLessThan(0.25);
        assertThat(r.conditionalTestElbo()).isGreaterThan(r.unconditionalTestElbo());
        assertThat(dir.resolve("digits-on-demand.png")).exists();
        assertThat(Files.size(dir.resolve("digits-on-demand.png"))).isGreaterThan(1000);
    }

    @Test
    void creditOnDemandPrintsItsComparison() {
        // the closeness itself is asserted on the full training in vae-nd4j's ConditionalTablesTest
        int code = CreditOnDemand.run(new String[] {"--epochs", "2", "--rows", "200", "--k", "2"}, out, out);
        assertThat(code).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("rows asked for as Status = bad:  to the real bad")
                .contains("an unconditional model's rows").contains("given the row's own status");
    }
}
