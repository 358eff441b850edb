package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.testkit.SpiGradientCheck;
import org.junit.jupiter.api.BeforeAll;

/** The test kit's SPI gradient check on the CPU backend with its default, host-tuned kernels. */
class HostTunedSpiGradientCheckTest extends SpiGradientCheck {

    @BeforeAll
    static void hostTuned() {
        System.clearProperty(Kernels.KERNELS_PROPERTY);
    }

    @Override
    protected VaeBackend backend() {
        return new Nd4jBackend();
    }
}
