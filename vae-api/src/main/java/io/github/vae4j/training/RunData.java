package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.data.ArraySource;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's rows are and how an epoch reads them: rows in memory split once into training and validation rows
 * ({@link PermutedBatches}), rows where they are on a cluster ({@link DistributedBatches}), or a source read once an
 * epoch through a shuffle buffer ({@link StreamedBatches}); and the validation rows that go with each.
 */
final class RunData {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final DataSource source;
    private final RunSettings plan;
    private final int unitColumns;
    /** Rows in memory, or {@code null}. */
    private final float[][] rows;
    /** The training rows' indices in {@link #rows} or in the distributed rows; {@code null} for a streamed source. */
    private final int[] training;
    private final DistributedSource remote;
    private final Validation validation;

    RunData(DataSource source, RunSettings plan, int unitColumns) {
        this.source = source;
        this.plan = plan;
        this.unitColumns = unitColumns;
        this.remote = source instanceof DistributedSource d ? d : null;
        if (source instanceof ArraySource a) {
            this.rows = a.rows();
            List<float[]> heldOut = new ArrayList<>();
            int[] kept = new int[rows.length];
            int n = 0;
            for (int i = 0; i < rows.length; i++) {
                if (plan.holdOut().isHeldOut(i)) {
                    heldOut.add(rows[i]);
                } else {
                    kept[n++] = i;
                }
            }
            this.training = Arrays.copyOf(kept, n);
            this.validation = validation(heldOut.toArray(float[][]::new));
        } else {
            this.rows = null;
            this.training = remote != null ? remote.trainingRows(plan.holdOut()) : null;
            this.validation = validation(null);
        }
        if (training != null && training.length == 0) {
            throw new IllegalArgumentException("the validation split holds out all " + source.size().orElse(0)
                    + " rows: no row is left to train on");
        }
    }

    Validation validation() {
        return validation;
    }

    /** @return the training rows when known before the first epoch, else 0 */
    long knownTrainingRows() {
        return training != null ? training.length : 0;
    }

    /** @return whether the batches run on the cluster ({@link DistributedBatches}) */
    boolean distributed() {
        return remote != null;
    }

    /** One epoch's batches, shuffled with {@code random}. */
    Batches batches(RandomStream random) throws IOException {
        if (remote != null) {
            return new DistributedBatches(remote.rows(), training, plan.batchSize(), random);
        }
        if (rows != null) {
            return new PermutedBatches(rows, training, plan.batchSize(), random);
        }
        OptionalLong size = source.size();
        int buffer = size.isPresent() ? (int) Math.max(1, Math.min(plan.shuffleBufferRows(), size.getAsLong()))
                : plan.shuffleBufferRows();
        return new StreamedBatches(source, plan.holdOut(), unitColumns, buffer, plan.batchSize(), random);
    }

    /** The run's steps, for a schedule that needs them: counted in one pass over a streamed source. */
    long totalSteps() {
        if (!plan.schedule().needsTotalSteps()) {
            return 0;
        }
        long n;
        if (training != null) {
            n = training.length;
        } else if (source.size().isPresent() && !plan.holdOut().isActive()) {
            n = source.size().getAsLong();
        } else {
            n = countTrainingRows();
        }
        return plan.epochs() * ((n + plan.batchSize() - 1) / plan.batchSize());
    }

    private long countTrainingRows() {
        long n = 0;
        float[] row = new float[source.width()];
        long position = 0;
        try (DataSource.RowReader reader = source.open()) {
            while (reader.next(row)) {
                InputChecks.checkRow(row, reader, unitColumns);
                if (!plan.holdOut().isHeldOut(position++)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the training data " + source, e);
        }
        LOG.info("counted {} training rows in {} for the learning-rate schedule", n, source);
        return n;
    }

    private Validation validation(float[][] heldOutInMemory) {
        if (plan.validation() != null) {
            return Validation.of(plan.validation());
        }
        if (!plan.holdOut().isActive()) {
            return Validation.NONE;
        }
        if (heldOutInMemory != null) {
            if (heldOutInMemory.length == 0) {
                throw new IllegalArgumentException("the validation fraction holds out none of the "
                        + rows.length + " rows: give a larger fraction or validation rows");
            }
            return Validation.of(heldOutInMemory);
        }
        if (remote != null) {
            int[] heldOut = remote.heldOutRows(plan.holdOut());
            if (heldOut.length == 0) {
                throw new IllegalArgumentException("the validation fraction holds out none of the "
                        + remote.rows().size() + " rows: give a larger fraction or validation rows");
            }
            return Validation.distributed(remote.rows(), heldOut);
        }
        return Validation.heldOut(source, plan.holdOut(), unitColumns);
    }
}
