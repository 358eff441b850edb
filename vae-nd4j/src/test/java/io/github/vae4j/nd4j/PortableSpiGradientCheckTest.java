package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.PortableKernels;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.testkit.SpiGradientCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The test kit's SPI gradient check on the CPU backend with the portable kernels, the set the CUDA backend runs. */
class PortableSpiGradientCheckTest extends SpiGradientCheck {

    @BeforeAll
    static void portable() {
        System.setProperty(Kernels.KERNELS_PROPERTY, PortableKernels.NAME);
    }

    @AfterAll
    static void back() {
        System.clearProperty(Kernels.KERNELS_PROPERTY);
    }

    @Override
    protected VaeBackend backend() {
        return new Nd4jBackend();
    }
}
