package io.github.vae4j.spark;

import io.github.vae4j.Vae;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/** How a batch of a partition's rows is read and scored: feature vectors, or the columns of a tabular model. */
interface BatchScorer extends Serializable {

    /**
     * Scores rows.
     *
     * @param vae the executor's model
     * @param rows the batch
     * @param k importance samples per row
     * @return per row the values of the added columns: score, latent, problem, then the optional column if any;
     *     a row that cannot be scored has a problem and null score and latent
     */
    List<Object[]> score(Vae vae, List<Row> rows, int k);

    /** @return the input, for messages: "column 'features'" */
    String describe();
}
