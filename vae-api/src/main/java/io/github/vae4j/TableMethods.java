package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.internal.Chunks;
import io.github.vae4j.internal.Estimators;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TabularEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The facade's calls on tables: rows checked against the model's schema and encoded with its fitted scaling, then
 * the same estimators and inference as arrays ({@link Estimators}, {@link Inference}), answers back in the columns'
 * units and levels. Called with the {@link VaeState}'s read lock held; {@code fit(Table)} is {@link FitSession}'s.
 */
final class TableMethods {

    private final VaeState s;
    private final Inference inference;

    TableMethods(VaeState state, Inference inference) {
        this.s = state;
        this.inference = inference;
    }

    double[] anomalyScores(Table table, int k) {
        BackendModel m = s.requireModel("anomalyScores");
        double[] out = Estimators.logLikelihood(m, encodeRows(encoding("anomalyScores", table), table), k);
        for (int i = 0; i < out.length; i++) {
            out[i] = -out[i];
        }
        return out;
    }

    List<Explanation> explain(Table table) {
        BackendModel m = s.requireModel("explain");
        Schema schema = s.config.schema();
        float[][] rows = encodeRows(encoding("explain", table), table);
        int width = s.config.rowWidth();
        int latent = s.config.latentSize();
        Schema modelled = schema.modelled();
        int columns = modelled.size();
        List<Explanation> out = new ArrayList<>(rows.length);
        int chunk = Chunks.capacity(rows.length);
        float[] in = new float[chunk * width];
        float[] z = new float[chunk * latent];
        float[] logVariance = new float[chunk * latent];
        double[] terms = new double[chunk * columns];
        double[] kl = new double[chunk];
        Chunks.each(rows.length, (from, n) -> {
            InputChecks.pack(rows, null, from, n, width, in);
            m.encoder().encode(in, n, z, logVariance);
            m.prior().kl(z, logVariance, n, kl);
            m.decoder().logLikelihoodTerms(in, z, n, terms);
            for (int i = 0; i < n; i++) {
                double[] nats = new double[columns];
                for (int c = 0; c < columns; c++) {
                    nats[c] = -terms[i * columns + c];
                }
                out.add(Explanation.of(from + i, modelled, nats, kl[i]));
            }
        });
        return out;
    }

    Table impute(Table table) {
        BackendModel m = s.requireModel("impute");
        TabularEncoding encoding = encoding("impute", table);
        Schema schema = s.config.schema();
        float[][] rows = encodeRows(encoding, table);
        float[][] means = inference.reconstructMeans(m, rows, Conditioning.conditionsOf(s.config, rows));
        return table.withMissingFilled(r -> {
            float[] expected = new float[schema.size()];
            java.util.Arrays.fill(expected, Float.NaN); // a condition column keeps its gap
            encoding.decodeMean(means[r], 0, expected);
            return expected;
        });
    }

    /**
     * Synthetic rows: z from the prior, each entry drawn from p(x|z) (given the condition columns' values for a
     * conditional schema).
     *
     * @param given a conditional schema's condition columns by name: a level, or a number for a numeric column
     */
    Table sampleTable(int n, Map<String, ?> given, RandomStream random) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        BackendModel m = s.requireModel("sampleTable");
        TabularEncoding encoding = encoding("sampleTable", null);
        Schema schema = s.config.schema();
        float[] raw = TableConditions.rawRow(schema, given);
        int width = s.config.inputSize();
        int latent = s.config.latentSize();
        int c = s.config.conditions();
        float[][] conditions = new float[n][];
        java.util.Arrays.fill(conditions, TableConditions.encoded(encoding, raw));
        Table.Builder b = Table.builder(schema);
        float[] z = new float[Chunks.capacity(n) * latent];
        float[] joined = c == 0 ? z : new float[Chunks.capacity(n) * (latent + c)];
        float[] x = new float[Chunks.capacity(n) * width];
        Chunks.each(n, (from, rows) -> {
            m.prior().sample(random, rows, z);
            if (c > 0) {
                Conditioning.joinLatents(z, rows, latent, conditions, from, joined);
            }
            m.decoder().sample(joined, rows, random, x);
            for (int i = 0; i < rows; i++) {
                encoding.decodeMean(x, i * width, raw);
                b.addRaw(raw);
            }
        });
        return b.build();
    }

    float[][] encode(Table table) {
        BackendModel m = s.requireModel("encode");
        return inference.encodeMeans(m, encodeRows(encoding("encode", table), table));
    }

    float[][] encodeRows(Table table) {
        return encodeRows(encoding("encodeRows", table), table);
    }

    /** The encoding of a trained tabular model, after checking {@code table} (if any) against its schema. */
    private TabularEncoding encoding(String call, Table table) {
        Schema schema = requireSchema(s.config, call);
        if (table != null) {
            checkTable(schema, table);
        }
        if (s.scaling == null) {
            throw new IllegalStateException(call + " needs a trained model: fit(Table) fits the columns' scaling");
        }
        return new TabularEncoding(schema, s.scaling);
    }

    static Schema requireSchema(VaeConfig config, String call) {
        Schema schema = config.schema();
        if (schema == null) {
            throw new IllegalStateException(call + " needs a model with a schema: Vae.builder().schema(...)");
        }
        return schema;
    }

    static void checkTable(Schema schema, Table table) {
        checkArgument(table.schema().equals(schema), "the table's schema is not the model's: %s against %s",
                table.schema(), schema);
    }

    /** Each row of {@code table} encoded for the network, {@code rowCount x inputWidth}. */
    static float[][] encodeRows(TabularEncoding encoding, Table table) {
        float[][] out = new float[table.rowCount()][encoding.schema().encodedWidth()];
        float[] raw = new float[encoding.schema().size()];
        for (int r = 0; r < out.length; r++) {
            table.rawRow(r, raw);
            encoding.encode(raw, out[r], 0);
        }
        return out;
    }
}
