package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Kernels;

/** The gradient checks on the portable kernels: ND4J's own calls only, as on ND4J's CUDA engine. */
class PortableGradientCheckTest extends GradientCheckTest {

    @Override
    Kernels kernels() {
        return Kernels.portable();
    }
}
