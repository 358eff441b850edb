package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.HostKernels;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.testkit.BackendContract;

/** The backend contract on the CPU backend with its default, host-tuned kernels. */
class HostTunedContractTest extends BackendContract {

    @Override
    protected void selectBackend() {
        System.clearProperty(Kernels.KERNELS_PROPERTY);
    }

    @Override
    protected String expectedDescription() {
        return HostKernels.NAME + " kernels";
    }
}
