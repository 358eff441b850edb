package io.github.vae4j.tabular;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Why one row looks the way it does to a tabular model: each column's negative log-likelihood under the decoder at
 * the row's posterior mean, in nats, largest first, and the KL divergence of the row's posterior from the prior. The
 * columns at the top are those an unusual row owes its reconstruction term to; a large {@link #latentNats()} says that
 * the row's latent code itself is unusual (the encoder had to place it far from where normal rows go). Together they
 * are a one-point estimate of the row's -ELBO, the quantity the anomaly score bounds. Nats of different columns
 * compare: each is a log-probability (categorical, binary) or a log-density in standardised units (numeric), per row.
 *
 * @param row the row's position in the table explained
 * @param contributions one per column, largest first
 * @param latentNats KL(q(z|x) || p(z)) of the row, nats
 */
public record Explanation(int row, List<Contribution> contributions, double latentNats) {

    /**
     * One column's part of an explanation.
     *
     * @param column the column's name
     * @param nats its negative log-likelihood, nats; 0 for a missing entry
     */
    public record Contribution(String column, double nats) {
    }

    /**
     * Makes the list immutable.
     *
     * @param row the row's position in the table explained
     * @param contributions one per column, largest first
     * @param latentNats KL(q(z|x) || p(z)) of the row, nats
     */
    public Explanation {
        contributions = ImmutableList.copyOf(contributions);
    }

    /**
     * @param row the row's position
     * @param schema the columns
     * @param nats one per column, in the schema's order
     * @param latentNats KL(q(z|x) || p(z)) of the row, nats
     * @return the explanation, contributions sorted largest first
     */
    public static Explanation of(int row, Schema schema, double[] nats, double latentNats) {
        return of(row, schema.columns().stream().map(Column::name).toList(), nats, latentNats);
    }

    /**
     * @param row the row's (or point's) position
     * @param names the columns' (or channels') names
     * @param nats one per name, in the names' order
     * @param latentNats KL(q(z|x) || p(z)), nats
     * @return the explanation, contributions sorted largest first
     */
    public static Explanation of(int row, List<String> names, double[] nats, double latentNats) {
        List<Contribution> list = new ArrayList<>(nats.length);
        for (int c = 0; c < nats.length; c++) {
            list.add(new Contribution(names.get(c), nats[c]));
        }
        list.sort(Comparator.comparingDouble(Contribution::nats).reversed());
        return new Explanation(row, list, latentNats);
    }

    /** @return the sum of the columns' negative log-likelihoods, nats: the reconstruction term at the mean */
    public double total() {
        return contributions.stream().mapToDouble(Contribution::nats).sum();
    }

    /**
     * @param n how many
     * @return the {@code n} largest contributions
     */
    public List<Contribution> top(int n) {
        return contributions.subList(0, Math.min(n, contributions.size()));
    }

    /**
     * One column's contribution.
     *
     * @param column the column's name
     * @return its nats, or NaN if there is no such column
     */
    public double of(String column) {
        return contributions.stream().filter(c -> c.column().equals(column)).mapToDouble(Contribution::nats)
                .findFirst().orElse(Double.NaN);
    }
}
