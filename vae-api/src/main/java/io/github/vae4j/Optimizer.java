package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * Which optimiser a training run uses, with its hyperparameters: a value, not the optimiser itself (each backend
 * implements each kind in a class of its own). The learning rate here is the base rate; a
 * {@link LearningRateSchedule} of the {@link Training} plan scales it per step.
 *
 * <pre>{@code
 * Optimizer.adam(1e-3)                          // Kingma and Ba 2014, betas 0.9 and 0.999, epsilon 1e-8
 * Optimizer.adam(1e-3).withBetas(0.9, 0.99)
 * Optimizer.rmsProp(1e-3)                       // decay 0.99, epsilon 1e-8
 * Optimizer.sgd(0.01, 0.9)                      // momentum 0.9; .withNesterov(true) for Nesterov's variant
 * }</pre>
 *
 * <p>The updates follow PyTorch's {@code torch.optim} definitions, so hyperparameters carry over. A model keeps its
 * optimiser's kind, hyperparameters and state in its file; a later run with an optimiser of the same kind continues
 * from that state, one of another kind starts from a fresh state.
 */
public sealed interface Optimizer permits Optimizer.Adam, Optimizer.RmsProp, Optimizer.Sgd {

    /**
     * Adam with PyTorch's defaults: betas 0.9 and 0.999, epsilon 1e-8.
     *
     * @param learningRate the step size, positive and finite
     * @return the optimiser
     */
    static Adam adam(double learningRate) {
        return new Adam(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON);
    }

    /**
     * RMSProp (Tieleman and Hinton 2012) with PyTorch's defaults: decay 0.99, epsilon 1e-8.
     *
     * @param learningRate the step size, positive and finite
     * @return the optimiser
     */
    static RmsProp rmsProp(double learningRate) {
        return new RmsProp(learningRate, RmsProp.DEFAULT_DECAY, RmsProp.DEFAULT_EPSILON);
    }

    /**
     * Stochastic gradient descent with heavy-ball momentum.
     *
     * @param learningRate the step size, positive and finite
     * @param momentum in [0, 1); 0 for plain SGD
     * @return the optimiser
     */
    static Sgd sgd(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, false);
    }

    /** @return the base step size */
    double learningRate();

    /**
     * @return the stable name of the kind, as written in model files: {@code ADAM}, {@code RMSPROP} or {@code SGD}
     */
    String kind();

    /** @return the hyperparameters after the learning rate, in the kind's documented order, for the model file */
    List<Double> hyperparameters();

    /**
     * @return how many arrays of one value per parameter the optimiser keeps (Adam 2, RMSProp 1, SGD with momentum 1,
     *     without 0)
     */
    int slots();

    /**
     * The same kind with another base step size.
     *
     * @param rate positive and finite
     * @return the copy
     */
    Optimizer withLearningRate(double rate);

    /**
     * Rebuilds an optimiser from its file representation.
     *
     * @param kind {@link #kind()}
     * @param learningRate {@link #learningRate()}
     * @param hyperparameters {@link #hyperparameters()}
     * @return the optimiser
     * @throws IllegalArgumentException if the kind is unknown or a value is out of range
     */
    static Optimizer of(String kind, double learningRate, List<Double> hyperparameters) {
        int n = hyperparameters.size();
        switch (kind) {
            case Adam.KIND -> {
                checkArgument(n == 3, "Adam has 3 hyperparameters after the learning rate, got %s", n);
                return new Adam(learningRate, hyperparameters.get(0), hyperparameters.get(1), hyperparameters.get(2));
            }
            case RmsProp.KIND -> {
                checkArgument(n == 2, "RMSProp has 2 hyperparameters after the learning rate, got %s", n);
                return new RmsProp(learningRate, hyperparameters.get(0), hyperparameters.get(1));
            }
            case Sgd.KIND -> {
                checkArgument(n == 2, "SGD has 2 hyperparameters after the learning rate, got %s", n);
                double nesterov = hyperparameters.get(1);
                checkArgument(nesterov == 0 || nesterov == 1, "SGD's Nesterov flag must be 0 or 1, got %s", nesterov);
                return new Sgd(learningRate, hyperparameters.get(0), nesterov == 1);
            }
            default -> throw new IllegalArgumentException("unknown optimizer '" + kind + "': this library knows "
                    + Adam.KIND + ", " + RmsProp.KIND + " and " + Sgd.KIND);
        }
    }

    private static void checkRate(double rate) {
        checkArgument(Double.isFinite(rate) && rate > 0, "learning rate must be positive and finite, got %s", rate);
    }

    /**
     * Adam (Kingma and Ba 2014), with PyTorch's placement of epsilon:
     * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
     * {@code p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + epsilon)}.
     *
     * @param learningRate the step size lr, positive and finite
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param epsilon added to the root of the second moment, positive and finite
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

        /** The name in model files. */
        public static final String KIND = "ADAM";
        /** PyTorch's default decay of the first moment. */
        public static final double DEFAULT_BETA1 = 0.9;
        /** PyTorch's default decay of the second moment. */
        public static final double DEFAULT_BETA2 = 0.999;
        /** PyTorch's default epsilon. */
        public static final double DEFAULT_EPSILON = 1e-8;

        /**
         * Validates the values.
         *
         * @param learningRate the step size lr, positive and finite
         * @param beta1 decay of the first moment, in [0, 1)
         * @param beta2 decay of the second moment, in [0, 1)
         * @param epsilon added to the root of the second moment, positive and finite
         */
        public Adam {
            checkRate(learningRate);
            checkArgument(beta1 >= 0 && beta1 < 1, "Adam's beta1 must be in [0, 1), got %s", beta1);
            checkArgument(beta2 >= 0 && beta2 < 1, "Adam's beta2 must be in [0, 1), got %s", beta2);
            checkArgument(Double.isFinite(epsilon) && epsilon > 0, "Adam's epsilon must be positive and finite, got %s",
                    epsilon);
        }

        /**
         * @param first decay of the first moment, in [0, 1)
         * @param second decay of the second moment, in [0, 1)
         * @return a copy with these decays
         */
        public Adam withBetas(double first, double second) {
            return new Adam(learningRate, first, second, epsilon);
        }

        /**
         * @param value added to the root of the second moment, positive
         * @return a copy with this epsilon
         */
        public Adam withEpsilon(double value) {
            return new Adam(learningRate, beta1, beta2, value);
        }

        @Override
        public Adam withLearningRate(double rate) {
            return new Adam(rate, beta1, beta2, epsilon);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<Double> hyperparameters() {
            return List.of(beta1, beta2, epsilon);
        }

        @Override
        public int slots() {
            return 2;
        }
    }

    /**
     * RMSProp as in PyTorch (no momentum, not centred): {@code v = decay v + (1 - decay) g^2},
     * {@code p -= lr * g / (sqrt(v) + epsilon)}.
     *
     * @param learningRate the step size lr, positive and finite
     * @param decay the smoothing constant of the mean square (PyTorch's alpha), in [0, 1)
     * @param epsilon added to the root of the mean square, positive and finite
     */
    record RmsProp(double learningRate, double decay, double epsilon) implements Optimizer {

        /** The name in model files. */
        public static final String KIND = "RMSPROP";
        /** PyTorch's default smoothing constant. */
        public static final double DEFAULT_DECAY = 0.99;
        /** PyTorch's default epsilon. */
        public static final double DEFAULT_EPSILON = 1e-8;

        /**
         * Validates the values.
         *
         * @param learningRate the step size lr, positive and finite
         * @param decay the smoothing constant of the mean square (PyTorch's alpha), in [0, 1)
         * @param epsilon added to the root of the mean square, positive and finite
         */
        public RmsProp {
            checkRate(learningRate);
            checkArgument(decay >= 0 && decay < 1, "RMSProp's decay must be in [0, 1), got %s", decay);
            checkArgument(Double.isFinite(epsilon) && epsilon > 0,
                    "RMSProp's epsilon must be positive and finite, got %s", epsilon);
        }

        /**
         * @param value the smoothing constant of the mean square, in [0, 1)
         * @return a copy with this decay
         */
        public RmsProp withDecay(double value) {
            return new RmsProp(learningRate, value, epsilon);
        }

        /**
         * @param value added to the root of the mean square, positive
         * @return a copy with this epsilon
         */
        public RmsProp withEpsilon(double value) {
            return new RmsProp(learningRate, decay, value);
        }

        @Override
        public RmsProp withLearningRate(double rate) {
            return new RmsProp(rate, decay, epsilon);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<Double> hyperparameters() {
            return List.of(decay, epsilon);
        }

        @Override
        public int slots() {
            return 1;
        }
    }

    /**
     * Stochastic gradient descent with momentum as in PyTorch (no dampening): {@code b = momentum b + g} ({@code b = g}
     * at the first step), then {@code p -= lr * b}, or {@code p -= lr * (g + momentum b)} with Nesterov's variant.
     *
     * @param learningRate the step size lr, positive and finite
     * @param momentum in [0, 1); 0 for plain SGD, which keeps no state
     * @param nesterov whether to use Nesterov's momentum; needs a positive momentum
     */
    record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {

        /** The name in model files. */
        public static final String KIND = "SGD";

        /**
         * Validates the values.
         *
         * @param learningRate the step size lr, positive and finite
         * @param momentum in [0, 1); 0 for plain SGD, which keeps no state
         * @param nesterov whether to use Nesterov's momentum; needs a positive momentum
         */
        public Sgd {
            checkRate(learningRate);
            checkArgument(momentum >= 0 && momentum < 1, "SGD's momentum must be in [0, 1), got %s", momentum);
            checkArgument(!nesterov || momentum > 0, "Nesterov's momentum needs a positive momentum");
        }

        /**
         * @param on whether to use Nesterov's momentum
         * @return a copy with this choice
         */
        public Sgd withNesterov(boolean on) {
            return new Sgd(learningRate, momentum, on);
        }

        @Override
        public Sgd withLearningRate(double rate) {
            return new Sgd(rate, momentum, nesterov);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<Double> hyperparameters() {
            return List.of(momentum, nesterov ? 1.0 : 0.0);
        }

        @Override
        public int slots() {
            return momentum > 0 ? 1 : 0;
        }
    }
}
