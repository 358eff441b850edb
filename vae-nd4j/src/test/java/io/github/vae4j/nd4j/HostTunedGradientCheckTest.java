package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Kernels;

/** The gradient checks on the host-tuned kernels. */
class HostTunedGradientCheckTest extends GradientCheckTest {

    @Override
    Kernels kernels() {
        return Kernels.hostTuned();
    }
}
