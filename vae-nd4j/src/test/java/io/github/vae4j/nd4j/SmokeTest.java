package io.github.vae4j.nd4j;

import io.github.vae4j.FitReport;
import io.github.vae4j.Vae;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        Vae vae = Vae.builder().epochs(3).build();
        FitReport r = vae.fit(MnistSample.train());
        r.epochs().forEach(e -> System.out.println(e + " ex/s " + e.examplesPerSecond()));
        double[] elbo = vae.elbo(MnistSample.test());
        System.out.println("test elbo " + Arrays.stream(elbo).average().getAsDouble());
        double[] ll = vae.logLikelihood(Arrays.copyOf(MnistSample.test(), 200), 100);
        System.out.println("iwae100 " + Arrays.stream(ll).average().getAsDouble());
    }
}
