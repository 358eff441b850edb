package io.github.vae4j.tabular;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Why one row looks the way it does to a tabular model: each column's negative log-likelihood under the decoder at
 * the row's posterior mean, in nats, largest first. The columns at the top are those an unusual row owes its score to.
 * Nats of different columns compare: each is a log-probability (categorical, binary) or a log-density in standardised
 * units (numeric), per row.
 *
 * @param row the row's position in the table explained
 * @param contributions one per column, largest first
 */
public record Explanation(int row, List<Contribution> contributions) {

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
     */
    public Explanation {
        contributions = ImmutableList.copyOf(contributions);
    }

    /**
     * @param row the row's position
     * @param schema the columns
     * @param nats one per column, in the schema's order
     * @return the explanation, contributions sorted largest first
     */
    public static Explanation of(int row, Schema schema, double[] nats) {
        List<Contribution> list = new ArrayList<>(nats.length);
        for (int c = 0; c < nats.length; c++) {
            list.add(new Contribution(schema.column(c).name(), nats[c]));
        }
        list.sort(Comparator.comparingDouble(Contribution::nats).reversed());
        return new Explanation(row, list);
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

    /** @return the columns' contributions of this column, by name, or NaN if there is no such column */
    public double of(String column) {
        return contributions.stream().filter(c -> c.column().equals(column)).mapToDouble(Contribution::nats)
                .findFirst().orElse(Double.NaN);
    }
}
