package io.github.vae4j.spark;

import java.io.Serializable;

/**
 * The training rows of one partition, checked and packed row-major, cached as one object so that a step's task
 * finds its share of a batch by offset.
 *
 * @param partition the partition's index
 * @param rows the number of rows
 * @param width values per row
 * @param values {@code rows x width} values
 */
record PartitionBlock(int partition, int rows, int width, float[] values) implements Serializable {

    private static final long serialVersionUID = 1L;
}
