package io.github.vae4j.spark;

import com.google.common.hash.Hashing;
import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.tabular.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained vae4j model as a Spark ML {@link Model}: scores and encodes the rows of a {@code Dataset}. Made by
 * {@link SparkVae#fit} or from a model file saved by {@code Vae.save} ({@link #fromFile(String)}).
 *
 * <pre>{@code
 * SparkVaeModel model = SparkVaeModel.fromFile("hdfs:///models/telemetry.vae4j")
 *         .setFeaturesCol("features").setImportanceSamples(20);
 * Dataset<Row> scored = model.transform(telemetry);        // + score, latent, problem
 * }</pre>
 *
 * <p>{@link #transform} adds columns: {@link #scoreCol()}, −log p(x) in nats (higher is more unusual), exactly what
 * {@code -vae.logLikelihood(rows, k)} gives for the row on one machine, since each row's samples are keyed by its
 * values; {@link #latentCol()}, the posterior mean as an ML {@code Vector}; {@link #problemCol()}, {@code null} for
 * a row that was scored, else why it was not (null features, a wrong width, a value that is not finite or, for a
 * Bernoulli model, outside [0, 1]), with null score and latent; and when {@link #reconstructionCol()} is set, the
 * reconstruction as a {@code Vector}. With {@link #strict()} a bad row fails the job instead, naming the row.
 *
 * <p>The model file is validated once on the driver and broadcast; each executor JVM loads it once (kept by the
 * file's checksum) and every task there shares it. A partition is scored in batches of {@link #batchRows()}.
 */
public final class SparkVaeModel extends Model<SparkVaeModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    /** The stage's unique id. */
    private final String uid;
    /** The bytes of the model's file. */
    private final byte[] modelFile;
    /** The SHA-256 of the model file: the executors' cache key. */
    private final String checksum;
    /** The model's input size. */
    private final int inputSize;
    /** The model's latent size. */
    private final int latentSize;
    /** Whether the model is Bernoulli: features in [0, 1]. */
    private final boolean unitInterval;
    /** Whether the model is tabular: it scores columns of its schema. */
    private final boolean tabular;
    /** A tabular model's schema, else {@code null}. */
    private final Schema schema;

    /** The report of the training run that made this model, if it was made by {@link SparkVae#fit}. */
    private transient FitReport summary;
    /** The param {@link #featuresCol()}. */
    private final Param<String> featuresCol;
    /** The param {@link #scoreCol()}. */
    private final Param<String> scoreCol;
    /** The param {@link #latentCol()}. */
    private final Param<String> latentCol;
    /** The param {@link #problemCol()}. */
    private final Param<String> problemCol;
    /** The param {@link #reconstructionCol()}. */
    private final Param<String> reconstructionCol;
    /** The param {@link #inputCols()}. */
    private final StringArrayParam inputCols;
    /** The param {@link #explanationCol()}. */
    private final Param<String> explanationCol;
    /** The param {@link #importanceSamples()}. */
    private final IntParam importanceSamples;
    /** The param {@link #batchRows()}. */
    private final IntParam batchRows;
    /** The param {@link #strict()}. */
    private final BooleanParam strict;

    /**
     * A stage over the bytes of a model file.
     *
     * @param uid the stage's unique id
     * @param modelFile the bytes of a trained model's file
     * @throws IllegalArgumentException if the bytes are not a valid model file, or the model is tabular
     */
    SparkVaeModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile.clone();
        VaeConfig config;
        try {
            config = ModelFile.fromBytes(modelFile).config();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a usable vae4j model file: " + e.getMessage(), e);
        }
        if (config.isConditional() && !config.isTabular()) {
            throw new IllegalArgumentException("a conditional model of feature vectors (" + config.conditions()
                    + " condition values) cannot score a features column: give its conditions as condition columns "
                    + "of a schema (Schema.Builder.condition), which Spark scores row by row");
        }
        this.checksum = Hashing.sha256().hashBytes(modelFile).toString();
        this.inputSize = config.inputSize();
        this.latentSize = config.latentSize();
        this.unitInterval = config.likelihood() == Likelihood.BERNOULLI;
        this.tabular = config.isTabular();
        this.schema = config.schema();
        featuresCol = new Param<>(uid, "featuresCol", "features column: an ML Vector or an array of numbers");
        scoreCol = new Param<>(uid, "scoreCol", "output column of -log p(x), nats");
        latentCol = new Param<>(uid, "latentCol", "output column of the posterior mean, an ML Vector");
        problemCol = new Param<>(uid, "problemCol", "output column saying why a row was not scored, else null");
        reconstructionCol = new Param<>(uid, "reconstructionCol",
                "output column of the reconstruction, an ML Vector; empty for none");
        importanceSamples = new IntParam(uid, "importanceSamples", "importance samples per row of the score");
        inputCols = new StringArrayParam(this, "inputCols", "a tabular model's input columns, one per schema column "
                + "in its order; default: the schema's names");
        explanationCol = new Param<>(uid, "explanationCol", "a tabular model's output column of each row's nats per "
                + "column and of its latent code; empty for none");
        batchRows = new IntParam(uid, "batchRows", "rows handed to the model at once");
        strict = new BooleanParam(uid, "strict", "whether a row that cannot be scored fails the job");
        setDefault(featuresCol, "features");
        setDefault(scoreCol, "score");
        setDefault(latentCol, "latent");
        setDefault(problemCol, "problem");
        setDefault(reconstructionCol, "");
        setDefault(importanceSamples, (Object) Vae.DEFAULT_SCORE_SAMPLES);
        setDefault(inputCols, new String[0]);
        setDefault(explanationCol, "");
        setDefault(batchRows, (Object) 512);
        setDefault(strict, (Object) false);
    }

    /**
     * Wraps a model file saved by {@code Vae.save}, read through Hadoop's FileSystem with the active Spark
     * session's configuration (a local path, {@code hdfs://}, {@code s3a://}, ...), and validated here.
     *
     * @param path the model file
     * @return the stage
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a valid model file
     */
    public static SparkVaeModel fromFile(String path) {
        SparkSession spark = SparkSession.active();
        try {
            byte[] bytes = StageFiles.read(new Path(path), spark.sparkContext().hadoopConfiguration());
            return new SparkVaeModel(Identifiable$.MODULE$.randomUID("vae4j"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the vae4j model file " + path, e);
        }
    }

    /**
     * The model as a local {@link Vae}, for use on the driver.
     *
     * @return a new model; the caller closes it
     */
    public Vae toVae() {
        try {
            return Vae.fromBytes(modelFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the training run that made this model did: its epochs with their losses, ELBOs, validation ELBOs and
     * speeds, as {@code Vae.fit} reports them. Not saved with the stage.
     *
     * @return the report, or empty for a model loaded from a file
     */
    public Optional<FitReport> summary() {
        return Optional.ofNullable(summary);
    }

    /** Sets the training report; called by {@link SparkVae#fit}. */
    SparkVaeModel withSummary(FitReport report) {
        this.summary = report;
        return this;
    }

    /** @return the bytes of the model's file (a copy) */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the param of the features column (default "features") */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the param of the score column (default "score") */
    public Param<String> scoreCol() {
        return scoreCol;
    }

    /** @return the param of the latent column (default "latent") */
    public Param<String> latentCol() {
        return latentCol;
    }

    /** @return the param of the problem column (default "problem") */
    public Param<String> problemCol() {
        return problemCol;
    }

    /** @return the param of the reconstruction column (default "": none) */
    public Param<String> reconstructionCol() {
        return reconstructionCol;
    }

    /** @return the param of a tabular model's input columns (default: the schema's column names) */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** @return the param of a tabular model's explanation column (default "": none) */
    public Param<String> explanationCol() {
        return explanationCol;
    }

    /**
     * @param columns a tabular model's input columns, one per schema column in the schema's order: numbers for
     *     numeric columns, strings (or values whose text is a level) for binary and categorical ones, null for a
     *     missing entry
     * @return this stage
     * @throws IllegalArgumentException if the model is not tabular or the count differs from the schema's
     */
    public SparkVaeModel setInputCols(String... columns) {
        if (!tabular) {
            throw new IllegalArgumentException("input columns are for a tabular model; this one reads the features "
                    + "column (setFeaturesCol)");
        }
        set(inputCols, TableColumns.resolve(columns.clone(), schema));
        return this;
    }

    /**
     * @param value a tabular model's output column of explanations, a map from each column's name to its nats
     *     (−log p(x|z) at the posterior mean; 0 for a missing entry) with the key {@value #LATENT_KEY} for the latent
     *     code's KL; "" for none
     * @return this stage
     */
    public SparkVaeModel setExplanationCol(String value) {
        set(explanationCol, value);
        return this;
    }

    /** The key of the latent code's nats in an explanation column's map. */
    public static final String LATENT_KEY = "(latent)";

    /** @return the param of the importance samples per row (default 100) */
    public IntParam importanceSamples() {
        return importanceSamples;
    }

    /** @return the param of the rows per model call (default 512) */
    public IntParam batchRows() {
        return batchRows;
    }

    /** @return the param of strict mode (default false) */
    public BooleanParam strict() {
        return strict;
    }

    /**
     * @param value the features column: ML Vectors or arrays of numbers, of the model's input size
     * @return this stage
     */
    public SparkVaeModel setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    /**
     * @param value the score column to add
     * @return this stage
     */
    public SparkVaeModel setScoreCol(String value) {
        set(scoreCol, value);
        return this;
    }

    /**
     * @param value the latent column to add
     * @return this stage
     */
    public SparkVaeModel setLatentCol(String value) {
        set(latentCol, value);
        return this;
    }

    /**
     * @param value the problem column to add
     * @return this stage
     */
    public SparkVaeModel setProblemCol(String value) {
        set(problemCol, value);
        return this;
    }

    /**
     * @param value the reconstruction column to add, or "" for none
     * @return this stage
     */
    public SparkVaeModel setReconstructionCol(String value) {
        set(reconstructionCol, value);
        return this;
    }

    /**
     * @param k importance samples per row, 1 to {@value Vae#MAX_IMPORTANCE_SAMPLES}: more is a tighter estimate and
     *     costs k decoder passes a row
     * @return this stage
     * @throws IllegalArgumentException if k is out of range
     */
    public SparkVaeModel setImportanceSamples(int k) {
        if (k < 1 || k > Vae.MAX_IMPORTANCE_SAMPLES) {
            throw new IllegalArgumentException("importance samples must be 1 to " + Vae.MAX_IMPORTANCE_SAMPLES
                    + ", got " + k);
        }
        set(importanceSamples, (Object) k);
        return this;
    }

    /**
     * @param rows rows per model call, 1 or more
     * @return this stage
     * @throws IllegalArgumentException if rows is below 1
     */
    public SparkVaeModel setBatchRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch rows must be at least 1, got " + rows);
        }
        set(batchRows, (Object) rows);
        return this;
    }

    /**
     * @param value whether a row that cannot be scored fails the job (true) or gets a null score and a problem
     *     (false, the default)
     * @return this stage
     */
    public SparkVaeModel setStrict(boolean value) {
        set(strict, (Object) value);
        return this;
    }

    private String reconstructionColumn() {
        return getOrDefault(reconstructionCol);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema);
    }

    /**
     * The schema of scored rows: the input's columns, then score, latent, problem and, if named, reconstruction
     * (vector models) or explanation (tabular models).
     *
     * @throws IllegalArgumentException if an input column is missing or of another type, or an output column
     *     exists already
     */
    private StructType outputSchema(StructType schema) {
        String extra;
        if (tabular) {
            TableColumns.checkTypes(schema, inputColumns());
            if (!reconstructionColumn().isEmpty()) {
                throw new IllegalArgumentException("a tabular model has no reconstruction column; use impute on "
                        + "one machine, or the explanation column");
            }
            extra = getOrDefault(explanationCol);
        } else {
            FeatureColumn.checkType(schema, getOrDefault(featuresCol));
            if (!getOrDefault(explanationCol).isEmpty()) {
                throw new IllegalArgumentException("explanations need a tabular model (one with a schema)");
            }
            extra = reconstructionColumn();
        }
        return outputSchema(schema, getOrDefault(scoreCol), getOrDefault(latentCol), getOrDefault(problemCol), extra,
                tabular ? DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType)
                        : SQLDataTypes.VectorType());
    }

    /** The output columns added to a schema; checks none exists. */
    static StructType outputSchema(StructType schema, String score, String latent, String problem, String extra,
            org.apache.spark.sql.types.DataType extraType) {
        List<String> out = new ArrayList<>(List.of(score, latent, problem));
        if (!extra.isEmpty()) {
            out.add(extra);
        }
        for (String c : out) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("the Dataset already has a column '" + c + "'");
            }
        }
        StructType result = schema.add(score, DataTypes.DoubleType, true)
                .add(latent, SQLDataTypes.VectorType(), true)
                .add(problem, DataTypes.StringType, true);
        return extra.isEmpty() ? result : result.add(extra, extraType, true);
    }

    private String[] inputColumns() {
        return TableColumns.resolve(getOrDefault(inputCols), schema);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        ExecutorModels.configureThreads();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<byte[]> file = jsc.broadcast(modelFile);
        StructType in = dataset.schema();
        BatchScorer batch = tabular
                ? new TableColumns(Arrays.stream(inputColumns()).mapToInt(in::fieldIndex).toArray(), inputColumns(),
                        !getOrDefault(explanationCol).isEmpty())
                : new FeatureColumn(getOrDefault(featuresCol), inputSize, unitInterval,
                        in.fieldIndex(getOrDefault(featuresCol)), !reconstructionColumn().isEmpty());
        Scorer scorer = new Scorer(checksum, file, batch, (Integer) getOrDefault(importanceSamples),
                (Integer) getOrDefault(batchRows), (Boolean) getOrDefault(strict));
        return dataset.toDF().mapPartitions(scorer, Encoders.row(out));
    }

    /** Scores one partition in batches, on an executor. */
    private record Scorer(String checksum, Broadcast<byte[]> file, BatchScorer batch, int k, int batchRows,
            boolean strict) implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            ModelCache.Lease<Vae> lease = ExecutorModels.scorer(checksum, file);
            Vae vae = lease.model();
            return new Iterator<>() {
                private final List<Row> ready = new ArrayList<>();
                private int at;
                private long seen;

                @Override
                public boolean hasNext() {
                    if (at < ready.size()) {
                        return true;
                    }
                    ready.clear();
                    at = 0;
                    if (rows.hasNext()) {
                        scoreBatch();
                    }
                    if (at == ready.size()) {
                        lease.close(); // the partition is done: the model may be dropped before the task ends
                    }
                    return at < ready.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.get(at++);
                }

                private void scoreBatch() {
                    List<Row> input = new ArrayList<>(batchRows);
                    while (input.size() < batchRows && rows.hasNext()) {
                        input.add(rows.next());
                    }
                    List<Object[]> added = batch.score(vae, input, k);
                    for (int i = 0; i < input.size(); i++) {
                        Row row = input.get(i);
                        Object[] extra = added.get(i);
                        if (strict && extra[2] != null) {
                            throw new IllegalArgumentException("row " + (seen + i) + " of partition "
                                    + org.apache.spark.TaskContext.getPartitionId() + ", " + batch.describe() + ": "
                                    + extra[2]);
                        }
                        Object[] values = new Object[row.size() + extra.length];
                        for (int c = 0; c < row.size(); c++) {
                            values[c] = row.get(c);
                        }
                        System.arraycopy(extra, 0, values, row.size(), extra.length);
                        ready.add(RowFactory.create(values));
                    }
                    seen += input.size();
                }
            };
        }
    }

    @Override
    public SparkVaeModel copy(ParamMap extra) {
        SparkVaeModel copy = new SparkVaeModel(uid, modelFile);
        copy.summary = summary;
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                try {
                    org.apache.hadoop.conf.Configuration conf = sc().hadoopConfiguration();
                    StageFiles.writeMetadata(SparkVaeModel.this, path, conf, sc().version());
                    StageFiles.write(new Path(path, MODEL_FILE), conf, modelFile);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not save the stage to " + path, e);
                }
            }
        };
    }

    /** Where a saved stage keeps its model file. */
    private static final String MODEL_FILE = "model.vae4j";

    /**
     * The reader of saved stages, which {@code Pipeline} and {@code PipelineModel} call when they load.
     *
     * @return the reader
     */
    public static MLReader<SparkVaeModel> read() {
        return new MLReader<>() {
            @Override
            public SparkVaeModel load(String path) {
                try {
                    org.apache.hadoop.conf.Configuration conf = sc().hadoopConfiguration();
                    SparkVaeModel model = new SparkVaeModel(StageFiles.readUid(path, conf),
                            StageFiles.read(new Path(path, MODEL_FILE), conf));
                    StageFiles.readParams(model, path, conf);
                    return model;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not load the stage saved in " + path, e);
                }
            }
        };
    }

    /**
     * Loads a stage saved by {@link #write()}.
     *
     * @param path the stage's folder
     * @return the stage
     */
    public static SparkVaeModel load(String path) {
        return read().load(path);
    }
}
