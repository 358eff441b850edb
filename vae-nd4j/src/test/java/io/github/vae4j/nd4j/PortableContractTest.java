package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.PortableKernels;
import io.github.vae4j.testkit.BackendContract;

/**
 * The backend contract on the CPU backend with the portable kernels, the set the CUDA backend runs: ND4J's own calls
 * only. Selected with {@value Kernels#KERNELS_PROPERTY}, read when a model is created.
 */
class PortableContractTest extends BackendContract {

    @Override
    protected void selectBackend() {
        System.setProperty(Kernels.KERNELS_PROPERTY, PortableKernels.NAME);
    }

    @Override
    protected void deselectBackend() {
        System.clearProperty(Kernels.KERNELS_PROPERTY);
    }

    @Override
    protected String expectedDescription() {
        return PortableKernels.NAME + " kernels";
    }
}
