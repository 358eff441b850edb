package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.distributed.DistributedRows;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * {@link DistributedRows} where the trainer expects a {@link DataSource}: the width and size, and the split of the
 * indices into training and held-out rows. It cannot be read here; {@link DistributedBatches} steps over it.
 *
 * @param rows the rows
 */
public record DistributedSource(DistributedRows rows) implements DataSource {

    @Override
    public int width() {
        return rows.width();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(rows.size());
    }

    @Override
    public RowReader open() {
        throw new UnsupportedOperationException(rows + " is not read here: its rows stay where they are");
    }

    /** @return the indices of the rows that {@code holdOut} keeps for training, ascending */
    public int[] trainingRows(HoldOut holdOut) {
        return IntStream.range(0, (int) rows.size()).filter(i -> !holdOut.isHeldOut(i)).toArray();
    }

    /** @return the indices of the rows that {@code holdOut} holds out, ascending */
    public int[] heldOutRows(HoldOut holdOut) {
        return IntStream.range(0, (int) rows.size()).filter(holdOut::isHeldOut).toArray();
    }

    @Override
    public String toString() {
        return rows.toString();
    }
}
