package io.github.vae4j.nd4j;

import io.github.vae4j.cuda.CudaBackend;
import io.github.vae4j.testkit.BackendContract;

/**
 * The backend contract with {@code vae-cuda} on the class path and the device left at AUTO: on the GPU where one is
 * usable, else on the CPU backend.
 */
class CudaClassPathContractTest extends BackendContract {

    @Override
    protected String expectedDescription() {
        return new CudaBackend().unavailableReason().isEmpty() ? " CUDA on " : "host-tuned kernels";
    }
}
