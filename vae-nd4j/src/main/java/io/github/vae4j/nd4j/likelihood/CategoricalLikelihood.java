package io.github.vae4j.nd4j.likelihood;

/**
 * A categorical distribution over K levels with logits l: p(k) = softmax(l)_k, -log p(k) = logsumexp(l) - l_k,
 * computed with the maximum subtracted first, so no exponential overflows whatever the logits; gradient
 * softmax(l) - onehot(k). The column likelihood of a tabular model's categorical columns; its arrays hold the K logits
 * of one example from {@code from} on.
 */
public final class CategoricalLikelihood {

    private CategoricalLikelihood() {
    }

    /**
     * @param logits holds l
     * @param from l's first index
     * @param k the number of levels
     * @return log(sum_j exp(l_j)), stably
     */
    public static double logSumExp(double[] logits, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + k; j++) {
            max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = from; j < from + k; j++) {
            sum += Math.exp(logits[j] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * @param logits holds l
     * @param from l's first index
     * @param k the number of levels
     * @param level the observed level, 0 to k - 1
     * @return -log softmax(l)_level, nats
     */
    public static double nll(double[] logits, int from, int k, int level) {
        return logSumExp(logits, from, k) - logits[from + level];
    }

    /**
     * The probabilities softmax(l).
     *
     * @param logits holds l
     * @param from l's first index
     * @param k the number of levels
     * @param p receives k probabilities
     * @param to where they start in {@code p}
     */
    public static void probabilities(double[] logits, int from, int k, double[] p, int to) {
        double lse = logSumExp(logits, from, k);
        for (int j = 0; j < k; j++) {
            p[to + j] = Math.exp(logits[from + j] - lse);
        }
    }

    /**
     * The gradient of {@link #nll} with respect to the logits, times {@code scale}: scale (softmax(l) - onehot).
     *
     * @param logits holds l
     * @param from l's first index
     * @param k the number of levels
     * @param level the observed level
     * @param scale the factor (1 / R for a batch mean)
     * @param gradient receives k values
     * @param to where they start in {@code gradient}
     */
    public static void gradient(double[] logits, int from, int k, int level, double scale, double[] gradient,
            int to) {
        probabilities(logits, from, k, gradient, to);
        gradient[to + level] -= 1;
        for (int j = 0; j < k; j++) {
            gradient[to + j] *= scale;
        }
    }
}
