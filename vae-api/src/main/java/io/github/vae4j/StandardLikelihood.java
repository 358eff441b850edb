package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;

/**
 * The built-in likelihoods, as values of {@link Likelihood}: their per-value maths in double precision. The backends
 * compute them with kernels of their own; these methods are the reference those kernels are checked against. Reach
 * them through {@link Likelihood}'s constants only: initialising this enum first would initialise the interface (it
 * has default methods) while these constants are still null.
 */
enum StandardLikelihood implements Likelihood {
    /** Logit head: -log p = softplus(t) - x t, d/dt = sigmoid(t) - x. */
    BERNOULLI {
        @Override
        public int heads() {
            return 1;
        }

        @Override
        public boolean accepts(double x) {
            return x >= 0 && x <= 1;
        }

        @Override
        public String support() {
            return "values in [0, 1]";
        }

        @Override
        public double negativeLogDensity(double x, double[] theta, double[] gradient) {
            double t = theta[0];
            if (gradient != null) {
                gradient[0] = sigmoid(t) - x;
            }
            return softplus(t) - x * t;
        }

        @Override
        public double mean(double[] theta) {
            return sigmoid(theta[0]);
        }

        @Override
        public double sample(double[] theta, RandomStream random) {
            return random.nextDouble() < sigmoid(theta[0]) ? 1 : 0;
        }
    },

    /**
     * Mean head m and variance head r: variance v = floor + softplus(r); -log p = 0.5 (log 2 pi + log v + (x - m)^2 /
     * v); d/dm = (m - x) / v, d/dr = 0.5 (1 / v - (x - m)^2 / v^2) sigmoid(r).
     */
    GAUSSIAN {
        @Override
        public int heads() {
            return 2;
        }

        @Override
        public double negativeLogDensity(double x, double[] theta, double[] gradient) {
            double m = theta[0];
            double v = GaussianVariance.DEFAULT_FLOOR + softplus(theta[1]);
            double d = x - m;
            if (gradient != null) {
                gradient[0] = -d / v;
                gradient[1] = 0.5 * (1 / v - d * d / (v * v)) * sigmoid(theta[1]);
            }
            return 0.5 * (Math.log(2 * Math.PI) + Math.log(v) + d * d / v);
        }

        @Override
        public double mean(double[] theta) {
            return theta[0];
        }

        @Override
        public double sample(double[] theta, RandomStream random) {
            return theta[0] + Math.sqrt(GaussianVariance.DEFAULT_FLOOR + softplus(theta[1])) * random.nextGaussian();
        }
    },

    /** One likelihood per column; the backend computes each column's term. */
    TABULAR {
        @Override
        public int heads() {
            return 1;
        }

        @Override
        public double negativeLogDensity(double x, double[] theta, double[] gradient) {
            throw perColumn();
        }

        @Override
        public double mean(double[] theta) {
            throw perColumn();
        }

        @Override
        public double sample(double[] theta, RandomStream random) {
            throw perColumn();
        }

        private UnsupportedOperationException perColumn() {
            return new UnsupportedOperationException("the tabular likelihood is one per column of a schema, computed "
                    + "by the backend per column, not per value");
        }
    };

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** log(1 + e^t), without overflow. */
    static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }
}
