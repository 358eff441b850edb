package io.github.vae4j.cuda;

import io.github.vae4j.nd4j.Nd4jBackend;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.testkit.SpiGradientCheck;

/**
 * The test kit's SPI gradient check on the CUDA backend where a GPU is usable, else (as {@code Device.AUTO} would
 * choose) on the CPU backend, so that the same check proves the GPU's gradients on a machine that has one.
 */
class CudaSpiGradientCheckTest extends SpiGradientCheck {

    @Override
    protected VaeBackend backend() {
        CudaBackend cuda = new CudaBackend();
        return cuda.unavailableReason().isEmpty() ? cuda : new Nd4jBackend();
    }
}
