package io.github.vae4j.io;

import io.github.vae4j.Convolutions;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.ImageShape;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.UnknownLevels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of the model format: encoding in version 4, and decoding of versions 1 to 4 with every check. See
 * {@code docs/model-format.md} for the layout, which this class must follow exactly.
 */
final class ModelCodec {

    /** "VAE4J", CR LF, Ctrl-Z: catches text-mode transfers and {@code type} on Windows, like PNG's signature. */
    static final byte[] MAGIC = {'V', 'A', 'E', '4', 'J', '\r', '\n', 0x1a};

    /** Magic (8), format version (4), file length (8), header CRC32C (4). Frozen for every format version. */
    static final int HEADER_BYTES = 24;

    /** Offset of the format version. */
    static final int VERSION_OFFSET = 8;

    /** Offset of the declared file length. */
    static final int LENGTH_OFFSET = 12;

    /** Offset of the header's CRC32C, which covers bytes 0 to 19. */
    static final int HEADER_CRC_OFFSET = 20;

    /** Bytes of the trailing CRC32C. */
    static final int CHECKSUM_BYTES = 4;

    /** The smallest length a file can declare: a header and a checksum. */
    static final int MIN_FILE_BYTES = HEADER_BYTES + CHECKSUM_BYTES;

    private static final String BERNOULLI = "BERNOULLI";
    private static final String GAUSSIAN = "GAUSSIAN";
    private static final String TABULAR = "TABULAR";

    /** The format version that added the image shape and the convolutions to the configuration. */
    static final int CONVOLUTIONS_VERSION = 2;

    /**
     * The format version that moved the training settings out of the configuration, and added the optimiser's kind
     * and hyperparameters and an unfinished run's progress.
     */
    static final int TRAINING_PLAN_VERSION = 3;

    /** The format version that added the schema of a tabular model and its fitted scaling. */
    static final int SCHEMA_VERSION = 4;

    /** Most hyperparameters of an optimiser after its learning rate. */
    static final int MAX_HYPERPARAMETERS = 8;

    /** Bytes of a run's progress after its flag, when there is one. */
    static final int RUN_PROGRESS_BYTES = 4 + 8 + 4 + 8 + 4 + 1 + 8;

    private ModelCodec() {
    }

    // ------------------------------------------------------------------------------------------------- writing

    /** A model checked against the format's limits, with its strings encoded and its exact length known. */
    record Plan(SavedModel model, byte[] likelihood, byte[] padding, byte[] libraryVersion, byte[] javaVersion,
            byte[] backend, byte[] optimizer, long length) {
    }

    /**
     * Checks that {@code model} can be represented and computes its file length; touches no file.
     *
     * @throws IllegalArgumentException if the model exceeds a limit of the format
     */
    static Plan plan(SavedModel model) {
        VaeConfig config = model.config();
        Provenance provenance = model.provenance();
        ModelState state = model.state();
        int hidden = config.hiddenSizes().size();
        limit(hidden <= ModelFile.MAX_HIDDEN_LAYERS, "%s hidden layers, the format allows at most %s", hidden,
                ModelFile.MAX_HIDDEN_LAYERS);
        byte[] likelihood = utf8("likelihood", likelihoodName(config.likelihood()));
        int convolutions = config.convolutions().filters().size();
        limit(convolutions <= ModelFile.MAX_HIDDEN_LAYERS, "%s convolutions, the format allows at most %s",
                convolutions, ModelFile.MAX_HIDDEN_LAYERS);
        byte[] padding = utf8("padding", config.convolutions().padding().name());
        byte[] libraryVersion = utf8("library version", provenance.libraryVersion());
        byte[] javaVersion = utf8("Java version", provenance.javaVersion());
        byte[] backend = utf8("backend description", provenance.backend());
        byte[] optimizer = utf8("optimizer", state.optimizer().kind());
        int hyperparameters = state.optimizer().hyperparameters().size();
        limit(hyperparameters <= MAX_HYPERPARAMETERS, "%s optimizer hyperparameters, the format allows at most %s",
                hyperparameters, MAX_HYPERPARAMETERS);
        int parameters = state.parameters().length;
        int slots = state.optimizerSlots().size();
        limit(parameters <= ModelFile.MAX_PARAMETERS, "%s parameters, the format allows at most %s", parameters,
                ModelFile.MAX_PARAMETERS);
        limit(slots <= ModelFile.MAX_OPTIMIZER_SLOTS, "%s optimizer slots, the format allows at most %s", slots,
                ModelFile.MAX_OPTIMIZER_SLOTS);
        RunProgress run = model.progress().run();
        boolean best = run != null && run.hasBestState();
        long configBytes = 4 + 4 + 4 + 4L * hidden + 4 + likelihood.length + 1 + 8 + 8
                + 1 + 3 * 4 + 4 + 4L * convolutions + 4 + 4 + 4 + padding.length + schemaBytes(config.schema());
        Scaling scaling = model.scaling();
        long scalingBytes = 1 + (scaling == null ? 0 : 4 + 16L * scaling.size());
        long defaultsBytes = 4 + 4 + 8 + 8;
        long provenanceBytes = 4 + libraryVersion.length + 4 + javaVersion.length + 4 + backend.length
                + 8 + 4 + 8 + 8 + 8 + 4;
        long progressBytes = 4 + 8 + 3 * 8 + 3 * 8;
        long runBytes = 1 + (run == null ? 0 : RUN_PROGRESS_BYTES);
        long stateBytes = 4 + optimizer.length + 4 + 8 + 8L * hyperparameters + 4 + 4 + 8
                + (long) parameters * Float.BYTES * (1 + slots) * (best ? 2 : 1);
        long length = HEADER_BYTES + configBytes + scalingBytes + defaultsBytes + provenanceBytes + progressBytes
                + runBytes + stateBytes + CHECKSUM_BYTES;
        limit(length <= ModelFile.MAX_FILE_BYTES, "the model needs %s bytes, the format allows at most %s", length,
                ModelFile.MAX_FILE_BYTES);
        return new Plan(model, likelihood, padding, libraryVersion, javaVersion, backend, optimizer, length);
    }

    /** The bytes of a schema in the configuration: a flag, then the columns. Checks the strings' limits. */
    private static long schemaBytes(Schema schema) {
        if (schema == null) {
            return 1;
        }
        long n = 1 + 8 + 1 + 4;
        for (Column c : schema.columns()) {
            n += 4 + utf8("column name", c.name()).length + 1 + 1 + 1 + 4;
            for (String level : c.levels()) {
                n += 4 + utf8("level of column " + c.name(), level).length;
            }
        }
        return n;
    }

    private static void writeSchema(ByteSink sink, Schema schema) throws IOException {
        sink.int8(schema == null ? 0 : 1);
        if (schema == null) {
            return;
        }
        sink.float64(schema.varianceFloor());
        sink.int8(schema.unknownLevels().ordinal());
        sink.int32(schema.size());
        for (Column c : schema.columns()) {
            string(sink, c.name().getBytes(StandardCharsets.UTF_8));
            sink.int8(c.kind().ordinal());
            sink.int8(c.nullable() ? 1 : 0);
            sink.int8(c.logTransform() ? 1 : 0);
            sink.int32(c.levels().size());
            for (String level : c.levels()) {
                string(sink, level.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Writes the planned model to {@code out}, header to checksum; does not close {@code out}. */
    static void encode(Plan plan, OutputStream out) throws IOException {
        SavedModel model = plan.model();
        ByteSink sink = new ByteSink(out);
        sink.bytes(header(ModelFile.FORMAT_VERSION, plan.length()));

        VaeConfig c = model.config();
        sink.int32(c.inputSize());
        sink.int32(c.latentSize());
        sink.int32(c.hiddenSizes().size());
        for (int size : c.hiddenSizes()) {
            sink.int32(size);
        }
        string(sink, plan.likelihood());
        sink.int8(c.gaussianVariance().isLearned() ? 1 : 0);
        sink.float64(c.gaussianVariance().value());
        sink.int64(c.seed());
        ImageShape image = c.image();
        sink.int8(image == null ? 0 : 1);
        sink.int32(image == null ? 0 : image.height());
        sink.int32(image == null ? 0 : image.width());
        sink.int32(image == null ? 0 : image.channels());
        Convolutions conv = c.convolutions();
        sink.int32(conv.filters().size());
        for (int filters : conv.filters()) {
            sink.int32(filters);
        }
        sink.int32(conv.kernelSize());
        sink.int32(conv.stride());
        string(sink, plan.padding());
        writeSchema(sink, c.schema());

        Scaling scaling = model.scaling();
        sink.int8(scaling == null ? 0 : 1);
        if (scaling != null) {
            sink.int32(scaling.size());
            for (int i = 0; i < scaling.size(); i++) {
                sink.float64(scaling.centerOf(i));
            }
            for (int i = 0; i < scaling.size(); i++) {
                sink.float64(scaling.scaleOf(i));
            }
        }

        TrainingDefaults d = model.defaults();
        sink.int32(d.epochs());
        sink.int32(d.batchSize());
        sink.float64(d.beta());
        sink.float64(d.clipGradientNorm());

        Provenance p = model.provenance();
        string(sink, plan.libraryVersion());
        string(sink, plan.javaVersion());
        string(sink, plan.backend());
        sink.int64(p.trainingExamples());
        sink.int32(p.epochs());
        sink.int64(p.seed());
        sink.float64(p.finalElbo());
        sink.int64(p.createdAt().getEpochSecond());
        sink.int32(p.createdAt().getNano());

        TrainingProgress t = model.progress();
        sink.int32(t.epochsCompleted());
        sink.int64(t.stepsCompleted());
        for (long v : t.shuffleRandom()) {
            sink.int64(v);
        }
        for (long v : t.noiseRandom()) {
            sink.int64(v);
        }

        RunProgress run = t.run();
        sink.int8(run == null ? 0 : 1);
        if (run != null) {
            sink.int32(run.epochs());
            sink.int64(run.steps());
            sink.int32(run.bestEpoch());
            sink.float64(run.bestValidationElbo());
            sink.int32(run.epochsSinceBest());
            sink.int8(run.hasBestState() ? 1 : 0);
            sink.int64(run.hasBestState() ? run.bestState().optimizerStep() : 0);
        }

        ModelState s = model.state();
        string(sink, plan.optimizer());
        sink.int32(s.optimizer().hyperparameters().size());
        sink.float64(s.optimizer().learningRate());
        for (double h : s.optimizer().hyperparameters()) {
            sink.float64(h);
        }
        sink.int32(s.parameters().length);
        sink.int32(s.optimizerSlots().size());
        sink.int64(s.optimizerStep());
        arrays(sink, s, s.parameters().length);
        if (run != null && run.hasBestState()) {
            arrays(sink, run.bestState(), s.parameters().length);
        }
        sink.checksum();
        if (sink.written() != plan.length()) {
            throw new IllegalStateException("wrote " + sink.written() + " bytes, planned " + plan.length());
        }
    }

    /** The parameters, then each optimiser slot. */
    private static void arrays(ByteSink sink, ModelState s, int length) throws IOException {
        if (s.parameters().length != length) {
            throw new IllegalStateException("a state to write has " + s.parameters().length + " parameters, not "
                    + length);
        }
        sink.floats(s.parameters());
        for (float[] slot : s.optimizerSlots()) {
            if (slot.length != length) { // the arrays are shared: someone changed them
                throw new IllegalStateException("an optimizer slot changed length while the model was written");
            }
            sink.floats(slot);
        }
    }

    /** The 24-byte header: magic, version, length, CRC32C of the first 20 bytes. */
    static byte[] header(int version, long length) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).putInt(version).putLong(length);
        header.putInt(crc32c(header.array(), 0, HEADER_CRC_OFFSET));
        return header.array();
    }

    private static void string(ByteSink sink, byte[] utf8) throws IOException {
        sink.int32(utf8.length);
        sink.bytes(utf8);
    }

    private static byte[] utf8(String what, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        limit(bytes.length <= ModelFile.MAX_STRING_BYTES, "the %s has %s bytes in UTF-8, the format allows at most %s",
                what, bytes.length, ModelFile.MAX_STRING_BYTES);
        return bytes;
    }

    private static void limit(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException("cannot save the model: " + String.format(format, args));
        }
    }

    /** The stable name of a likelihood in the file, independent of the enum constant's Java name. */
    static String likelihoodName(Likelihood likelihood) {
        return switch (likelihood) {
            case BERNOULLI -> BERNOULLI;
            case GAUSSIAN -> GAUSSIAN;
            case TABULAR -> TABULAR;
        };
    }

    static int crc32c(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    // ------------------------------------------------------------------------------------------------- reading

    /**
     * Decodes a whole model file held in memory: header, length, checksum, then the body.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the model's arrays do not fit in memory
     */
    static SavedModel decode(byte[] bytes) throws IOException {
        int n = bytes.length;
        int version = checkHeader(bytes);
        long declared = ByteBuffer.wrap(bytes).getLong(LENGTH_OFFSET);
        if (n < declared) {
            throw new ModelFormatException("truncated model file: it has " + n + " of the " + declared
                    + " bytes its header declares; " + whereItEnds(bytes, version, declared));
        }
        if (n > declared) {
            throw new ModelFormatException("trailing garbage: " + (n - declared) + " unexpected bytes after the end "
                    + "of the model, which its header says has " + declared + " bytes");
        }
        int end = (int) declared - CHECKSUM_BYTES;
        int stored = ByteBuffer.wrap(bytes).getInt(end);
        int computed = crc32c(bytes, 0, end);
        if (stored != computed) {
            throw new ModelFormatException(String.format("checksum mismatch: the file is corrupted "
                    + "(stored CRC32C %08x, computed %08x over %s bytes)", stored, computed, end));
        }
        try {
            return decodeBody(new ByteSource(bytes, HEADER_BYTES, end), version, true);
        } catch (RuntimeException e) { // defence in depth: every known failure is already a ModelFormatException
            throw new ModelFormatException("internal error while reading a model file, please report it: " + e, e);
        }
    }

    /**
     * Checks the 24-byte header at the start of {@code bytes}, which may hold only the header or the whole file: the
     * magic number, the header checksum, the version and the declared length.
     *
     * @return the format version
     * @throws ModelFormatException if the header is missing, truncated, corrupted or of a newer version
     */
    static int checkHeader(byte[] bytes) throws ModelFormatException {
        int n = bytes.length;
        if (n == 0) {
            throw new ModelFormatException("not a vae4j model file: the file is empty");
        }
        int magic = Math.min(n, MAGIC.length);
        if (!Arrays.equals(bytes, 0, magic, MAGIC, 0, magic)) {
            throw new ModelFormatException("not a vae4j model file: the magic number does not match (the file starts "
                    + "with " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, magic) + ")");
        }
        if (n < HEADER_BYTES) {
            throw new ModelFormatException("truncated model file: it has " + n + " bytes and ends inside the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        int storedHeaderCrc = header.getInt(HEADER_CRC_OFFSET);
        int headerCrc = crc32c(bytes, 0, HEADER_CRC_OFFSET);
        if (storedHeaderCrc != headerCrc) {
            throw new ModelFormatException(String.format("header checksum mismatch: the file's header is corrupted "
                    + "(stored CRC32C %08x, computed %08x)", storedHeaderCrc, headerCrc));
        }
        int version = header.getInt(VERSION_OFFSET);
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFormatException("written by a newer vae4j: format " + version + ", this library reads up to "
                    + ModelFile.FORMAT_VERSION);
        }
        if (version < 1) {
            throw new ModelFormatException("invalid format version " + version + ": versions start at 1");
        }
        long declared = header.getLong(LENGTH_OFFSET);
        if (declared < MIN_FILE_BYTES || declared > ModelFile.MAX_FILE_BYTES) {
            throw new ModelFormatException("the header declares a file length of " + declared
                    + " bytes, which is not between " + MIN_FILE_BYTES + " and " + ModelFile.MAX_FILE_BYTES);
        }
        return version;
    }

    /** Says in which section a truncated file ends, by walking its structure over the bytes that are there. */
    private static String whereItEnds(byte[] bytes, int version, long declared) {
        int available = (int) Math.min(bytes.length, declared - CHECKSUM_BYTES);
        ByteSource source = new ByteSource(bytes, HEADER_BYTES, available);
        try {
            decodeBody(source, version, false);
            return "it ends inside the checksum";
        } catch (IOException | RuntimeException e) {
            return source.ranOut() ? "it ends inside the " + source.section() + " section"
                    : "the bytes before the cut are not valid either: " + e.getMessage();
        }
    }

    /**
     * Decodes the body, between the header and the checksum.
     *
     * @param materialise {@code false} to only walk the structure (parameter arrays are skipped, not allocated)
     */
    private static SavedModel decodeBody(ByteSource in, int version, boolean materialise) throws IOException {
        if (version < 1 || version > SCHEMA_VERSION) {
            throw new IllegalStateException("no decoder for format version " + version);
        }
        in.section("configuration");
        int inputSize = in.int32("input size");
        int latentSize = in.int32("latent size");
        int hiddenCount = in.count("hidden layer count", ModelFile.MAX_HIDDEN_LAYERS);
        List<Integer> hiddenSizes = new ArrayList<>(hiddenCount);
        for (int i = 0; i < hiddenCount; i++) {
            int offset = in.position();
            int size = in.int32("hidden layer " + i + " size");
            if (size <= 0 || size > VaeConfig.MAX_LAYER_SIZE) {
                throw in.fail(offset, "hidden layer %s has size %s, it must be between 1 and %s", i, size,
                        VaeConfig.MAX_LAYER_SIZE);
            }
            hiddenSizes.add(size);
        }
        int likelihoodOffset = in.position();
        String likelihoodName = in.string("likelihood");
        int varianceOffset = in.position();
        int learned = in.int8("Gaussian variance kind");
        double varianceValue = in.float64("Gaussian variance value");
        // before version 3 the training settings sat here, in the configuration
        double beta = 0;
        int epochs = 0;
        int batchSize = 0;
        double learningRate = 0;
        if (version < TRAINING_PLAN_VERSION) {
            beta = in.float64("beta");
            epochs = in.int32("epochs");
            batchSize = in.int32("batch size");
            learningRate = in.float64("learning rate");
        }
        long seed = in.int64("seed");
        Likelihood likelihood = switch (likelihoodName) {
            case BERNOULLI -> Likelihood.BERNOULLI;
            case GAUSSIAN -> Likelihood.GAUSSIAN;
            case TABULAR -> {
                if (version < SCHEMA_VERSION) {
                    throw in.fail(likelihoodOffset, "likelihood %s needs format %s, the file is of format %s",
                            TABULAR, SCHEMA_VERSION, version);
                }
                yield Likelihood.TABULAR;
            }
            default -> throw in.fail(likelihoodOffset, "unknown likelihood '%s': this library knows %s, %s and %s",
                    likelihoodName, BERNOULLI, GAUSSIAN, TABULAR);
        };
        if (learned > 1) {
            throw in.fail(varianceOffset, "Gaussian variance kind is %s, it must be 0 (fixed) or 1 (learned)",
                    learned);
        }
        ImageShape image = null;
        Convolutions convolutions = Convolutions.NONE;
        if (version >= CONVOLUTIONS_VERSION) {
            int imageOffset = in.position();
            int hasImage = in.int8("image flag");
            int height = in.int32("image height");
            int width = in.int32("image width");
            int channels = in.int32("image channels");
            int convCount = in.count("convolution count", ModelFile.MAX_HIDDEN_LAYERS);
            List<Integer> filters = new ArrayList<>(convCount);
            for (int i = 0; i < convCount; i++) {
                filters.add(in.int32("convolution " + i + " filters"));
            }
            int kernel = in.int32("kernel size");
            int stride = in.int32("stride");
            int paddingOffset = in.position();
            String paddingName = in.string("padding");
            if (hasImage > 1) {
                throw in.fail(imageOffset, "image flag is %s, it must be 0 (no image) or 1", hasImage);
            }
            if (hasImage == 0 && (height != 0 || width != 0 || channels != 0)) {
                throw in.fail(imageOffset + 1, "the model has no image, yet its image shape is %sx%sx%s, not 0x0x0",
                        height, width, channels);
            }
            Convolutions.Padding padding;
            try {
                padding = Convolutions.Padding.valueOf(paddingName);
            } catch (IllegalArgumentException e) {
                throw in.fail(paddingOffset, "unknown padding '%s': this library knows %s", paddingName,
                        Arrays.toString(Convolutions.Padding.values()));
            }
            try {
                image = hasImage == 1 ? new ImageShape(height, width, channels) : null;
                convolutions = new Convolutions(filters, kernel, stride, padding);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
            }
        }
        Schema schema = version >= SCHEMA_VERSION ? readSchema(in) : null;
        VaeConfig config;
        try {
            config = new VaeConfig(inputSize, latentSize, hiddenSizes, image, convolutions, likelihood,
                    new GaussianVariance(learned == 1, varianceValue), seed, schema);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }
        Scaling scaling = null;
        if (version >= SCHEMA_VERSION) {
            in.section("scaling");
            int flagOffset = in.position();
            int hasScaling = in.int8("scaling flag");
            if (hasScaling > 1) {
                throw in.fail(flagOffset, "scaling flag is %s, it must be 0 or 1", hasScaling);
            }
            if (hasScaling == 1) {
                int n = in.count("scaled column count", Schema.MAX_COLUMNS);
                double[] center = new double[n];
                double[] scale = new double[n];
                for (int i = 0; i < n; i++) {
                    center[i] = in.float64("centre");
                }
                for (int i = 0; i < n; i++) {
                    scale[i] = in.float64("scale");
                }
                try {
                    scaling = new Scaling(center, scale);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException("invalid scaling: " + e.getMessage(), e);
                }
            }
        }
        if (version >= TRAINING_PLAN_VERSION) {
            in.section("training defaults");
            epochs = in.int32("epochs");
            batchSize = in.int32("batch size");
            beta = in.float64("beta");
        }
        double clip = version >= SCHEMA_VERSION ? in.float64("gradient norm limit") : 0;
        TrainingDefaults defaults;
        Optimizer olderOptimizer = null;
        try {
            defaults = new TrainingDefaults(epochs, batchSize, beta, clip);
            if (version < TRAINING_PLAN_VERSION) {
                olderOptimizer = Optimizer.adam(learningRate); // the only optimiser before version 3
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }

        in.section("provenance");
        String libraryVersion = in.string("library version");
        String javaVersion = in.string("Java version");
        String backend = in.string("backend description");
        long trainingExamples = in.int64("training examples");
        int provenanceEpochs = in.int32("epochs");
        long provenanceSeed = in.int64("seed");
        double finalElbo = in.float64("final ELBO");
        int timeOffset = in.position();
        long seconds = in.int64("creation time (seconds)");
        int nanos = in.int32("creation time (nanoseconds)");
        Provenance provenance;
        try {
            if (nanos < 0 || nanos > 999_999_999) {
                throw in.fail(timeOffset, "creation time has %s nanoseconds, it must be between 0 and 999999999",
                        nanos);
            }
            provenance = new Provenance(libraryVersion, javaVersion, backend, trainingExamples, provenanceEpochs,
                    provenanceSeed, finalElbo, Instant.ofEpochSecond(seconds, nanos));
        } catch (DateTimeException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid provenance: " + e.getMessage(), e);
        }

        in.section("training progress");
        int epochsCompleted = in.int32("epochs completed");
        long stepsCompleted = in.int64("steps completed");
        long[] shuffleRandom = new long[3];
        for (int i = 0; i < 3; i++) {
            shuffleRandom[i] = in.int64("shuffle random state");
        }
        long[] noiseRandom = new long[3];
        for (int i = 0; i < 3; i++) {
            noiseRandom[i] = in.int64("noise random state");
        }

        RunFields run = null;
        if (version >= TRAINING_PLAN_VERSION) {
            in.section("run progress");
            int flagOffset = in.position();
            int hasRun = in.int8("run flag");
            if (hasRun > 1) {
                throw in.fail(flagOffset, "run flag is %s, it must be 0 (no run in progress) or 1", hasRun);
            }
            if (hasRun == 1) {
                int runEpochs = in.int32("run epochs");
                long runSteps = in.int64("run steps");
                int bestEpoch = in.int32("best epoch");
                double bestElbo = in.float64("best validation ELBO");
                int sinceBest = in.int32("epochs since the best");
                int bestOffset = in.position();
                int hasBest = in.int8("best state flag");
                long bestStep = in.int64("best optimizer step");
                if (hasBest > 1) {
                    throw in.fail(bestOffset, "best state flag is %s, it must be 0 or 1", hasBest);
                }
                run = new RunFields(runEpochs, runSteps, bestEpoch, bestElbo, sinceBest, hasBest == 1, bestStep);
            }
        }

        in.section("model state");
        Optimizer optimizer = olderOptimizer;
        if (version >= TRAINING_PLAN_VERSION) {
            int kindOffset = in.position();
            String kind = in.string("optimizer");
            int count = in.count("optimizer hyperparameter count", MAX_HYPERPARAMETERS);
            double rate = in.float64("learning rate");
            List<Double> hyperparameters = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                hyperparameters.add(in.float64("optimizer hyperparameter " + i));
            }
            try {
                optimizer = Optimizer.of(kind, rate, hyperparameters);
            } catch (IllegalArgumentException e) {
                throw in.fail(kindOffset, "invalid optimizer: %s", e.getMessage());
            }
        }
        int countOffset = in.position();
        int parameterCount = in.count("parameter count", ModelFile.MAX_PARAMETERS);
        int slotCount = in.count("optimizer slot count", ModelFile.MAX_OPTIMIZER_SLOTS);
        long optimizerStep = in.int64("optimizer step");
        int copies = run != null && run.hasBest() ? 2 : 1;
        long arrayBytes = (long) parameterCount * Float.BYTES * (1 + slotCount) * copies;
        if (materialise && arrayBytes != in.remaining()) {
            throw in.fail(countOffset, "%s parameters and %s optimizer slots%s need %s bytes, but %s bytes remain "
                    + "before the checksum", parameterCount, slotCount, copies == 2 ? ", twice (with the best "
                    + "state of early stopping)," : "", arrayBytes, in.remaining());
        }
        List<List<float[]>> states = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            String prefix = copy == 0 ? "" : "best ";
            List<float[]> arrays = new ArrayList<>(slotCount + 1);
            for (int k = 0; k <= slotCount; k++) {
                String name = prefix + (k == 0 ? "parameters" : "optimizer slot " + k);
                in.section(name);
                if (materialise) {
                    arrays.add(in.floats(parameterCount, name));
                } else {
                    in.skip((long) parameterCount * Float.BYTES, name);
                }
            }
            states.add(arrays);
        }
        if (in.remaining() != 0) {
            throw in.fail(in.position(), "%s unexpected bytes before the checksum", in.remaining());
        }
        if (!materialise) {
            return null;
        }
        ModelState state;
        RunProgress runProgress = null;
        try {
            state = modelState(states.get(0), optimizer, optimizerStep);
            if (run != null) {
                ModelState best = run.hasBest() ? modelState(states.get(1), optimizer, run.bestStep()) : null;
                runProgress = new RunProgress(run.epochs(), run.steps(), run.bestEpoch(), run.bestElbo(),
                        run.sinceBest(), best);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid model: " + e.getMessage(), e);
        }
        TrainingProgress progress;
        try {
            progress = new TrainingProgress(epochsCompleted, stepsCompleted, shuffleRandom, noiseRandom,
                    runProgress);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid training progress: " + e.getMessage(), e);
        }
        try {
            return new SavedModel(config, defaults, provenance, state, progress, scaling);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid model: " + e.getMessage(), e);
        }
    }

    private static Schema readSchema(ByteSource in) throws IOException {
        in.section("schema");
        int flagOffset = in.position();
        int has = in.int8("schema flag");
        if (has > 1) {
            throw in.fail(flagOffset, "schema flag is %s, it must be 0 or 1", has);
        }
        if (has == 0) {
            return null;
        }
        double floor = in.float64("variance floor");
        int policyOffset = in.position();
        int policy = in.int8("unknown levels policy");
        if (policy >= UnknownLevels.values().length) {
            throw in.fail(policyOffset, "unknown levels policy is %s, it must be 0 (reject) or 1 (as missing)",
                    policy);
        }
        int n = in.count("column count", Schema.MAX_COLUMNS);
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.string("column " + i + " name");
            int kindOffset = in.position();
            int kind = in.int8("column " + i + " kind");
            int nullable = in.int8("column " + i + " nullable flag");
            int log = in.int8("column " + i + " log flag");
            int levelCount = in.count("column " + i + " level count", Column.MAX_LEVELS);
            List<String> levels = new ArrayList<>(levelCount);
            for (int k = 0; k < levelCount; k++) {
                levels.add(in.string("column " + i + " level " + k));
            }
            if (kind >= ColumnKind.values().length || nullable > 1 || log > 1) {
                throw in.fail(kindOffset, "column %s has kind %s, nullable flag %s and log flag %s; kinds are 0 to "
                        + "2, flags 0 or 1", i, kind, nullable, log);
            }
            try {
                columns.add(new Column(name, ColumnKind.values()[kind], nullable == 1, levels, log == 1));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("invalid schema: " + e.getMessage(), e);
            }
        }
        try {
            return Schema.of(columns).toBuilder().varianceFloor(floor).unknownLevels(UnknownLevels.values()[policy])
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid schema: " + e.getMessage(), e);
        }
    }

    private static ModelState modelState(List<float[]> arrays, Optimizer optimizer, long step) {
        return new ModelState(arrays.get(0), optimizer, arrays.subList(1, arrays.size()), step);
    }

    /** The run-progress fields as read, before the best state's arrays. */
    private record RunFields(int epochs, long steps, int bestEpoch, double bestElbo, int sinceBest, boolean hasBest,
            long bestStep) {
    }
}
