package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.Vae;
import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.internal.Estimators;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.BackendModel;
import java.io.IOException;
import java.util.Arrays;

/**
 * The validation of a run after each epoch: the mean of {@link Vae#elbo(float[][])} over the validation rows, given
 * in memory or held out of a streamed source (which is then read once more per epoch, keeping only those rows).
 */
public abstract class Validation {

    /** No validation: NaN. */
    public static final Validation NONE = new Validation() {
        @Override
        public double meanElbo(BackendModel model) {
            return Double.NaN;
        }

        @Override
        public long rows() {
            return 0;
        }
    };

    /**
     * @param model the model after an epoch
     * @return the mean ELBO of the validation rows, nats per example; NaN without validation
     * @throws IOException if reading a streamed source fails
     */
    public abstract double meanElbo(BackendModel model) throws IOException;

    /** @return the validation rows of the last {@link #meanElbo} (or all, when in memory) */
    public abstract long rows();

    /** Rows in memory, already checked. */
    public static Validation of(float[][] rows) {
        return new Validation() {
            @Override
            public double meanElbo(BackendModel model) {
                // as a host would average vae.elbo(rows), so that the two agree to the last bit
                return Arrays.stream(Estimators.elbo(model, rows)).average().orElse(Double.NaN);
            }

            @Override
            public long rows() {
                return rows.length;
            }
        };
    }

    /** Held-out rows that stay where they are: their ELBOs are summed there. */
    public static Validation distributed(DistributedRows rows, int[] heldOut) {
        return new Validation() {
            @Override
            public double meanElbo(BackendModel model) throws IOException {
                float[] parameters = new float[Math.toIntExact(model.parameterCount())];
                model.copyParameters(parameters);
                return rows.elboSum(parameters, heldOut) / heldOut.length;
            }

            @Override
            public long rows() {
                return heldOut.length;
            }
        };
    }

    /** The rows of a streamed source that {@code holdOut} holds out, in the source's order. */
    public static Validation heldOut(DataSource source, HoldOut holdOut, int unitColumns) {
        return new Validation() {
            private long count;

            @Override
            public double meanElbo(BackendModel model) throws IOException {
                Estimators.ElboStream elbo = new Estimators.ElboStream(model);
                float[] row = new float[source.width()];
                long position = 0;
                try (DataSource.RowReader reader = source.open()) {
                    while (reader.next(row)) {
                        InputChecks.checkRow(row, reader, unitColumns);
                        if (holdOut.isHeldOut(position++)) {
                            elbo.add(row);
                        }
                    }
                }
                count = elbo.count();
                return elbo.mean();
            }

            @Override
            public long rows() {
                return count;
            }
        };
    }
}
