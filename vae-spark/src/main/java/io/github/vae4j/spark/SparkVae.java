package io.github.vae4j.spark;

import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TabularEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a vae4j model on a Spark {@code Dataset} as an ML {@link Estimator}: synchronous data-parallel training in
 * which each step's global batch is spread over the partitions. The driver runs vae4j's own trainer (the
 * permutation, the noise, KL warm-up, clipping, the optimiser, validation and early stopping); each step is one
 * Spark job whose tasks sum the gradient of their partition's rows of the batch (see {@code DistributedRows}). The
 * result is the model {@code Vae.fit} gives on one machine for the same rows in the same order, up to float
 * rounding.
 *
 * <pre>{@code
 * SparkVaeModel model = new SparkVae().setFeaturesCol("features").setLatent(8).setHidden(64, 32)
 *         .setLikelihood("gaussian").setEpochs(10).setBatchSize(1000).fit(train);
 * Dataset<Row> scored = model.setImportanceSamples(20).transform(test);
 * }</pre>
 *
 * <p>Cost: one Spark job per step, tens of milliseconds of scheduling and a broadcast of the parameters, so large
 * global batches (thousands of rows) amortise it. The training rows are cached in executor memory as float arrays
 * (4 bytes a value) for the run.
 */
public final class SparkVae extends Estimator<SparkVaeModel> implements MLWritable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SparkVae.class);

    /** The stage's unique id. */
    private final String uid;
    /** The param {@link #featuresCol()}. */
    private final Param<String> featuresCol;
    /** The param {@link #latent()}. */
    private final IntParam latent;
    /** The param {@link #hidden()}. */
    private final IntArrayParam hidden;
    /** The param {@link #likelihood()}. */
    private final Param<String> likelihood;
    /** The param {@link #epochs()}. */
    private final IntParam epochs;
    /** The param {@link #batchSize()}. */
    private final IntParam batchSize;
    /** The param {@link #learningRate()}. */
    private final DoubleParam learningRate;
    /** The param {@link #beta()}. */
    private final DoubleParam beta;
    /** The param {@link #klWarmup()}. */
    private final IntParam klWarmup;
    /** The param {@link #clipGradientNorm()}. */
    private final DoubleParam clipGradientNorm;
    /** The param {@link #validationFraction()}. */
    private final DoubleParam validationFraction;
    /** The param {@link #earlyStopping()}. */
    private final IntParam earlyStopping;
    /** The param {@link #seed()}. */
    private final LongParam seed;
    /** The param {@link #aggregation()}. */
    private final Param<String> aggregation;
    /** The param {@link #aggregationDepth()}. */
    /** The param {@link #aggregationDepth()}. */
    private final IntParam aggregationDepth;
    /** The param {@link #localSteps()}. */
    private final IntParam localSteps;
    /** The param {@link #schema()}. */
    private final Param<String> schema;
    /** The param {@link #inputCols()}. */
    private final StringArrayParam inputCols;

    /** An estimator with vae4j's defaults. */
    public SparkVae() {
        this(Identifiable$.MODULE$.randomUID("vae4j"));
    }

    /**
     * An estimator with vae4j's defaults and a given uid.
     *
     * @param uid the stage's unique id
     */
    public SparkVae(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(uid, "featuresCol", "features column: an ML Vector or an array of numbers");
        latent = new IntParam(uid, "latent", "latent dimensions");
        hidden = new IntArrayParam(this, "hidden", "hidden layer sizes, input side first");
        likelihood = new Param<>(uid, "likelihood", "bernoulli (values in [0, 1]) or gaussian (real values)");
        epochs = new IntParam(uid, "epochs", "passes over the training rows");
        batchSize = new IntParam(uid, "batchSize", "rows of each step's global batch, over all partitions");
        learningRate = new DoubleParam(uid, "learningRate", "Adam's learning rate");
        beta = new DoubleParam(uid, "beta", "weight of the KL term");
        klWarmup = new IntParam(uid, "klWarmup", "steps over which the KL weight rises from 0; 0 for none");
        clipGradientNorm = new DoubleParam(uid, "clipGradientNorm", "largest gradient norm; 0 for no clipping");
        validationFraction = new DoubleParam(uid, "validationFraction", "fraction of rows held out to validate");
        earlyStopping = new IntParam(uid, "earlyStopping", "epochs without a better validation ELBO before "
                + "stopping at the best one; 0 for none");
        seed = new LongParam(uid, "seed", "seed of the initial weights, the order, the noise and the split");
        aggregation = new Param<>(uid, "aggregation", "how the partitions' gradients are combined: tree "
                + "(treeReduce) or ordered (collected and added in partition order: bitwise reproducible)");
        aggregationDepth = new IntParam(uid, "aggregationDepth", "depth of treeReduce, 2 or more");
        localSteps = new IntParam(uid, "localSteps", "steps between synchronisations: 1 for synchronous gradient "
                + "steps (the single-machine run); more for parameter averaging");
        schema = new Param<>(uid, "schema", "a tabular model's columns as JSON (setSchema); empty for feature vectors");
        inputCols = new StringArrayParam(this, "inputCols", "a tabular model's input columns, one per schema column; "
                + "default: the schema's names");
        setDefault(featuresCol, "features");
        setDefault(latent, (Object) 10);
        setDefault(hidden, new int[] {512, 384, 256});
        setDefault(likelihood, "bernoulli");
        setDefault(epochs, (Object) 10);
        setDefault(batchSize, (Object) 100);
        setDefault(learningRate, (Object) 1e-3);
        setDefault(beta, (Object) 1.0);
        setDefault(klWarmup, (Object) 0);
        setDefault(clipGradientNorm, (Object) 0.0);
        setDefault(validationFraction, (Object) 0.0);
        setDefault(earlyStopping, (Object) 0);
        setDefault(seed, (Object) 42L);
        setDefault(aggregation, "tree");
        setDefault(aggregationDepth, (Object) 2);
        setDefault(schema, "");
        setDefault(localSteps, (Object) 1);
        setDefault(inputCols, new String[0]);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the param of the features column (default "features") */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the param of the latent size (default 10) */
    public IntParam latent() {
        return latent;
    }

    /** @return the param of the hidden layer sizes (default 512, 384, 256) */
    public IntArrayParam hidden() {
        return hidden;
    }

    /** @return the param of the likelihood (default "bernoulli") */
    public Param<String> likelihood() {
        return likelihood;
    }

    /** @return the param of the epochs (default 10) */
    public IntParam epochs() {
        return epochs;
    }

    /** @return the param of the global batch size (default 100) */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return the param of Adam's learning rate (default 1e-3) */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** @return the param of the KL weight (default 1) */
    public DoubleParam beta() {
        return beta;
    }

    /** @return the param of the KL warm-up steps (default 0) */
    public IntParam klWarmup() {
        return klWarmup;
    }

    /** @return the param of the gradient norm limit (default 0: none) */
    public DoubleParam clipGradientNorm() {
        return clipGradientNorm;
    }

    /** @return the param of the validation fraction (default 0) */
    public DoubleParam validationFraction() {
        return validationFraction;
    }

    /** @return the param of early stopping's patience (default 0: none) */
    public IntParam earlyStopping() {
        return earlyStopping;
    }

    /** @return the param of the seed (default 42) */
    public LongParam seed() {
        return seed;
    }

    /** @return the param of the aggregation (default "tree") */
    public Param<String> aggregation() {
        return aggregation;
    }

    /** @return the param of the local steps between synchronisations (default 1: synchronous) */
    public IntParam localSteps() {
        return localSteps;
    }

    /**
     * Parameter averaging: every task takes {@code steps} local steps (Adam updates on its own rows of that many
     * consecutive global batches, each with its batch's noise, KL weight, learning rate and clipping) from the
     * driver's state, and the driver averages the tasks' parameters and optimiser moments, weighted by their rows.
     * One Spark job per {@code steps} batches instead of one per batch; but the run is no longer the single-machine
     * one (except on a single partition): each task's steps see only its share of a batch, a smaller and noisier
     * batch, and the average of several updates is not one update. Validate to judge it.
     *
     * @param steps local steps per synchronisation, 1 (the default: synchronous gradient steps) or more
     * @return this estimator
     */
    public SparkVae setLocalSteps(int steps) {
        check(steps >= 1, "local steps must be at least 1, got " + steps);
        set(localSteps, (Object) steps);
        return this;
    }

    /** @return the param of a tabular model's schema, as JSON (default "": a model of feature vectors) */
    public Param<String> schema() {
        return schema;
    }

    /** @return the param of a tabular model's input columns (default: the schema's names) */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /**
     * Makes the estimator train a tabular model of these columns (see {@code Vae.Builder.schema}): one likelihood
     * per column, missing entries left out, the numeric columns' standardisation fitted on the training rows (the
     * partitions' statistics merged) and kept in the model, gradients clipped at 10 unless set. It reads the
     * Dataset's columns of the schema's names (see {@link #setInputCols}); the likelihood param is then not used.
     *
     * @param columns the schema, for example {@code Table.inferSchema(sample)}
     * @return this estimator
     */
    public SparkVae setSchema(Schema columns) {
        set(schema, SchemaJson.write(columns));
        return this;
    }

    /**
     * @param columns a tabular model's input columns, one per schema column in its order
     * @return this estimator
     */
    public SparkVae setInputCols(String... columns) {
        set(inputCols, columns.clone());
        return this;
    }

    private Schema tableSchema() {
        String json = getOrDefault(schema);
        return json.isEmpty() ? null : SchemaJson.read(json);
    }

    private String[] tableColumns(Schema s) {
        return TableColumns.resolve(getOrDefault(inputCols), s);
    }

    /** @return the param of treeReduce's depth (default 2) */
    public IntParam aggregationDepth() {
        return aggregationDepth;
    }

    /**
     * @param value the features column: ML Vectors or arrays of numbers, all of one width
     * @return this estimator
     */
    public SparkVae setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    /**
     * @param value latent dimensions, 1 or more
     * @return this estimator
     */
    public SparkVae setLatent(int value) {
        Vae.builder().latent(value); // the builder's check, with its message
        set(latent, (Object) value);
        return this;
    }

    /**
     * @param sizes hidden layer sizes, input side first, each 1 or more
     * @return this estimator
     */
    public SparkVae setHidden(int... sizes) {
        Vae.builder().hidden(sizes);
        set(hidden, sizes.clone());
        return this;
    }

    /**
     * @param value "bernoulli" (values in [0, 1]) or "gaussian" (real values; standardise them first)
     * @return this estimator
     */
    public SparkVae setLikelihood(String value) {
        set(likelihood, likelihoodOf(value).name().toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * @param value passes over the training rows, 1 or more
     * @return this estimator
     */
    public SparkVae setEpochs(int value) {
        check(value >= 1, "epochs must be at least 1, got " + value);
        set(epochs, (Object) value);
        return this;
    }

    /**
     * @param value rows of each step's global batch, spread over the partitions, 1 or more
     * @return this estimator
     */
    public SparkVae setBatchSize(int value) {
        Training.builder().batchSize(value);
        set(batchSize, (Object) value);
        return this;
    }

    /**
     * @param value Adam's learning rate, positive
     * @return this estimator
     */
    public SparkVae setLearningRate(double value) {
        Optimizer.adam(value);
        set(learningRate, (Object) value);
        return this;
    }

    /**
     * @param value the weight of the KL term, 0 or more
     * @return this estimator
     */
    public SparkVae setBeta(double value) {
        Training.builder().beta(value);
        set(beta, (Object) value);
        return this;
    }

    /**
     * @param steps steps over which the KL weight rises linearly from 0, 0 for none
     * @return this estimator
     */
    public SparkVae setKlWarmup(int steps) {
        Training.builder().klWarmup(steps);
        set(klWarmup, (Object) steps);
        return this;
    }

    /**
     * @param maxNorm the largest global L2 norm of a step's gradient, 0 for no clipping
     * @return this estimator
     */
    public SparkVae setClipGradientNorm(double maxNorm) {
        if (maxNorm != 0) { // 0 is no clipping here; the plan's check for the rest
            Training.builder().clipGradientNorm(maxNorm);
        }
        set(clipGradientNorm, (Object) maxNorm);
        return this;
    }

    /**
     * @param fraction the fraction of rows held out to validate after each epoch, in [0, 1)
     * @return this estimator
     */
    public SparkVae setValidationFraction(double fraction) {
        if (fraction != 0) { // 0 is no validation here; the plan's check for the rest
            Training.builder().validationFraction(fraction);
        }
        set(validationFraction, (Object) fraction);
        return this;
    }

    /**
     * @param patience epochs without a better validation ELBO before the run stops at its best epoch; 0 for none
     * @return this estimator
     */
    public SparkVae setEarlyStopping(int patience) {
        if (patience != 0) { // 0 is no early stopping here; the plan's check for the rest
            Training.builder().earlyStopping(patience);
        }
        set(earlyStopping, (Object) patience);
        return this;
    }

    /**
     * @param value the seed of the initial weights, the order, the noise and the validation split
     * @return this estimator
     */
    public SparkVae setSeed(long value) {
        set(seed, (Object) value);
        return this;
    }

    /**
     * @param value "tree" (treeReduce, the default: scales to many partitions) or "ordered" (the partitions' sums
     *     collected and added in partition order on the driver: the same bits on every run)
     * @return this estimator
     */
    public SparkVae setAggregation(String value) {
        check(value.equals("tree") || value.equals("ordered"), "aggregation must be tree or ordered, got " + value);
        set(aggregation, value);
        return this;
    }

    /**
     * @param depth treeReduce's depth, 2 or more
     * @return this estimator
     */
    public SparkVae setAggregationDepth(int depth) {
        check(depth >= 2, "the aggregation depth must be at least 2, got " + depth);
        set(aggregationDepth, (Object) depth);
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Likelihood likelihoodOf(String name) {
        Likelihood l = Likelihood.parse(name);
        check(l != Likelihood.TABULAR, "likelihood must be bernoulli or gaussian, got '" + name + "' (a tabular model "
                + "takes setSchema)");
        return l;
    }

    /** @return the single-machine builder of the model this estimator trains */
    Vae.Builder builder() {
        Vae.Builder b = Vae.builder().latent((Integer) getOrDefault(latent)).hidden(getOrDefault(hidden))
                .seed((Long) getOrDefault(seed)).learningRate((Double) getOrDefault(learningRate));
        Schema s = tableSchema();
        return s != null ? b.schema(s) : b.likelihood(likelihoodOf(getOrDefault(likelihood)));
    }

    /** @return the single-machine plan of the run this estimator makes */
    Training plan() {
        Training.Builder plan = Training.builder().epochs((Integer) getOrDefault(epochs))
                .batchSize((Integer) getOrDefault(batchSize)).beta((Double) getOrDefault(beta))
                .optimizer(Optimizer.adam((Double) getOrDefault(learningRate)));
        if ((Integer) getOrDefault(klWarmup) > 0) {
            plan.klWarmup((Integer) getOrDefault(klWarmup));
        }
        if ((Double) getOrDefault(clipGradientNorm) > 0) {
            plan.clipGradientNorm((Double) getOrDefault(clipGradientNorm));
        }
        if ((Double) getOrDefault(validationFraction) > 0) {
            plan.validationFraction((Double) getOrDefault(validationFraction));
        }
        if ((Integer) getOrDefault(earlyStopping) > 0) {
            plan.earlyStopping((Integer) getOrDefault(earlyStopping));
        }
        return plan.build();
    }

    /** The schema the fitted model's {@code transform} gives, with its default output columns. */
    @Override
    public StructType transformSchema(StructType schema) {
        Schema s = tableSchema();
        if (s != null) {
            TableColumns.checkTypes(schema, tableColumns(s));
        } else {
            FeatureColumn.checkType(schema, getOrDefault(featuresCol));
        }
        return SparkVaeModel.outputSchema(schema, "score", "latent", "problem", "", null);
    }

    /**
     * Trains on the features column: checks every row (a bad one fails the fit with its partition and row, before
     * any step), caches the rows, then runs the synchronous data-parallel training.
     *
     * @param dataset the training rows
     * @return the trained model, with this estimator's features column
     * @throws IllegalArgumentException if the column is missing, of another type, empty, or has a bad row
     */
    @Override
    public SparkVaeModel fit(Dataset<?> dataset) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        ExecutorModels.configureThreads();
        Schema table = tableSchema();
        String column;
        int width;
        Scaling scaling = null;
        JavaRDD<PartitionBlock> blocks;
        if (table == null) {
            column = getOrDefault(featuresCol);
            FeatureColumn.checkType(dataset.schema(), column);
            Likelihood kind = likelihoodOf(getOrDefault(likelihood));
            Dataset<Row> features = dataset.toDF().select(column);
            Row first = features.first();
            if (first == null || first.isNullAt(0)) {
                throw new IllegalArgumentException("the first row's features are null; every training row needs them");
            }
            width = first.get(0) instanceof org.apache.spark.ml.linalg.Vector v ? v.size() : first.getList(0).size();
            FeatureColumn reader = new FeatureColumn(column, width, kind == Likelihood.BERNOULLI, 0, false);
            blocks = features.toJavaRDD().mapPartitionsWithIndex(
                    (p, rows) -> List.of(pack(p, rows, reader)).iterator(), true)
                    .persist(StorageLevel.MEMORY_AND_DISK());
        } else {
            String[] cols = tableColumns(table);
            TableColumns.checkTypes(dataset.schema(), cols);
            column = String.join(", ", cols);
            String json = SchemaJson.write(table);
            JavaRDD<PartitionBlock> raw = dataset.toDF().selectExpr(quoted(cols)).toJavaRDD()
                    .mapPartitionsWithIndex((p, rows) -> List.of(packTable(p, rows, json)).iterator(), true)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                scaling = raw.map(b -> fitter(b, json)).treeReduce(Scaling.Fitter::merge,
                        (Integer) getOrDefault(aggregationDepth)).fit();
            } catch (Exception e) { // Spark throws its checked SparkException undeclared
                raw.unpersist(false);
                throw badRow(e);
            }
            Scaling fitted = scaling;
            width = table.encodedWidth();
            blocks = raw.map(b -> encode(b, json, fitted)).persist(StorageLevel.MEMORY_AND_DISK());
            blocks.count();
            raw.unpersist(false);
        }
        long[] starts;
        long size;
        try {
            List<PartitionBlock> counts = blocks.map(b -> new PartitionBlock(b.partition(), b.rows(), b.width(),
                    new float[0])).collect();
            starts = new long[counts.size()];
            size = 0;
            for (PartitionBlock b : counts) {
                starts[b.partition()] = size;
                size += b.rows();
            }
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            blocks.unpersist(false);
            throw badRow(e);
        }
        LOG.info("vae4j on Spark: {} rows of {} values in {} partitions; global batch {}", size, width,
                starts.length, getOrDefault(batchSize));
        try (SparkRows rows = new SparkRows(jsc, blocks, starts, width, size,
                getOrDefault(aggregation).equals("ordered"), (Integer) getOrDefault(aggregationDepth),
                "Spark column" + (table == null ? " '" : "s '") + column + "' (" + size + " rows in " + starts.length
                + " partitions)", scaling, (Integer) getOrDefault(localSteps));
                Vae vae = builder().build()) {
            FitReport report = vae.fit(rows, plan());
            LOG.info("vae4j on Spark: {} epochs, {} steps, final ELBO {} nats", report.epochs().size(), rows.steps(),
                    report.last().elbo());
            SparkVaeModel model = new SparkVaeModel(uid, vae.toBytes()).withSummary(report);
            if (table == null) {
                model.setFeaturesCol(column);
            } else if (getOrDefault(inputCols).length > 0) {
                model.setInputCols(getOrDefault(inputCols));
            }
            return model.setParent(this);
        }
    }

    private static PartitionBlock pack(int partition, Iterator<Row> rows, FeatureColumn reader) {
        List<float[]> list = new ArrayList<>();
        long n = 0;
        while (rows.hasNext()) {
            float[] x = new float[reader.width()];
            String problem = reader.read(rows.next(), 0, x);
            if (problem != null) {
                throw new IllegalArgumentException("training row " + n + " of partition " + partition + ", column '"
                        + reader.name() + "': " + problem);
            }
            list.add(x);
            n++;
        }
        int w = reader.width();
        float[] values = new float[Math.multiplyExact(list.size(), w)];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i), 0, values, i * w, w);
        }
        return new PartitionBlock(partition, list.size(), w, values);
    }

    private static String[] quoted(String[] columns) {
        return Arrays.stream(columns).map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new);
    }

    /** A partition's rows of a tabular model's columns, checked as {@code Table.Builder} checks them, as raw rows. */
    private static PartitionBlock packTable(int partition, Iterator<Row> rows, String schemaJson) {
        Schema s = SchemaJson.read(schemaJson);
        Table.Builder builder = Table.builder(s);
        long n = 0;
        Object[] values = new Object[s.size()];
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int c = 0; c < values.length; c++) {
                Object v = row.get(c);
                values[c] = v == null || s.column(c).kind() == ColumnKind.NUMERIC ? v : TableColumns.text(v);
                if (values[c] instanceof String text && s.column(c).code(text) < 0) {
                    throw new IllegalArgumentException("training row " + n + " of partition " + partition
                            + ", column '" + s.column(c).name() + "': unknown level '" + text + "'; the column's levels "
                            + "are " + s.column(c).levels() + ", and a model trains on its schema's levels only");
                }
            }
            try {
                builder.add(values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training row " + n + " of partition " + partition + ", "
                        + e.getMessage().replaceFirst("^row \\d+, ", ""), e);
            }
            n++;
        }
        Table t = builder.build();
        float[] values32 = new float[Math.multiplyExact(t.rowCount(), s.size())];
        float[] raw = new float[s.size()];
        for (int r = 0; r < t.rowCount(); r++) {
            t.rawRow(r, raw);
            System.arraycopy(raw, 0, values32, r * s.size(), s.size());
        }
        return new PartitionBlock(partition, t.rowCount(), s.size(), values32);
    }

    private static Scaling.Fitter fitter(PartitionBlock block, String schemaJson) {
        Scaling.Fitter f = new Scaling.Fitter(SchemaJson.read(schemaJson));
        float[] raw = new float[block.width()];
        for (int r = 0; r < block.rows(); r++) {
            System.arraycopy(block.values(), r * block.width(), raw, 0, block.width());
            f.add(raw);
        }
        return f;
    }

    private static PartitionBlock encode(PartitionBlock block, String schemaJson, Scaling scaling) {
        Schema s = SchemaJson.read(schemaJson);
        TabularEncoding encoding = new TabularEncoding(s, scaling);
        int w = s.encodedWidth();
        float[] out = new float[Math.multiplyExact(block.rows(), w)];
        float[] raw = new float[block.width()];
        for (int r = 0; r < block.rows(); r++) {
            System.arraycopy(block.values(), r * block.width(), raw, 0, block.width());
            encoding.encode(raw, out, r * w);
        }
        return new PartitionBlock(block.partition(), block.rows(), w, out);
    }

    /** The bad row's own message, out of Spark's wrapping. */
    private static RuntimeException badRow(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("training row")) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    @Override
    public SparkVae copy(ParamMap extra) {
        return copyValues(new SparkVae(uid), extra);
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                try {
                    StageFiles.writeMetadata(SparkVae.this, path, sc().hadoopConfiguration(), sc().version());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not save the stage to " + path, e);
                }
            }
        };
    }

    /**
     * The reader of saved estimators, which {@code Pipeline} calls when it loads.
     *
     * @return the reader
     */
    public static MLReader<SparkVae> read() {
        return new MLReader<>() {
            @Override
            public SparkVae load(String path) {
                try {
                    SparkVae stage = new SparkVae(StageFiles.readUid(path, sc().hadoopConfiguration()));
                    StageFiles.readParams(stage, path, sc().hadoopConfiguration());
                    return stage;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not load the stage saved in " + path, e);
                }
            }
        };
    }

    /**
     * Loads an estimator saved by {@link #write()}.
     *
     * @param path the stage's folder
     * @return the estimator
     */
    public static SparkVae load(String path) {
        return read().load(path);
    }

    /** @return the estimator and its architecture, for logs */
    @Override
    public String toString() {
        return "SparkVae " + uid + " " + Arrays.toString(getOrDefault(hidden)) + " latent " + getOrDefault(latent);
    }
}
