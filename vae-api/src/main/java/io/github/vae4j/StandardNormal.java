package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;

/**
 * N(0, I) as a {@link LatentPrior} value. Its one instance is {@link LatentPrior#STANDARD_NORMAL}, made by the
 * interface: a static instance here would be null when the interface's initialisation (it has default methods) runs
 * inside this class's.
 */
final class StandardNormal implements LatentPrior {

    static final String NAME = "STANDARD_NORMAL";
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    StandardNormal() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isStandardNormal() {
        return true;
    }

    @Override
    public double logDensity(double[] z, double[] gradient) {
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            sum += z[j] * z[j];
            if (gradient != null) {
                gradient[j] = -z[j];
            }
        }
        return -0.5 * sum - z.length * HALF_LOG_TWO_PI;
    }

    @Override
    public void sample(RandomStream random, double[] z) {
        for (int j = 0; j < z.length; j++) {
            z[j] = random.nextGaussian();
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
