package io.github.vae4j.io;

import static io.github.vae4j.io.ByteSink.limit;
import static io.github.vae4j.io.ByteSink.utf8;

import io.github.vae4j.Optimizer;
import io.github.vae4j.spi.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's state: from version 3 the optimiser's kind and hyperparameters (before, Adam with the configuration's
 * learning rate), the counts and the optimiser's step, then the parameters and each optimiser slot, and the same
 * arrays again for an unfinished run's best state.
 */
final class StateSection {

    /** Most hyperparameters of an optimiser after its learning rate. */
    static final int MAX_HYPERPARAMETERS = 8;

    private StateSection() {
    }

    /** The state as read: the model's, and the run's best ({@code null} for none); both {@code null} if skipped. */
    record Read(ModelState state, ModelState best) {
    }

    /** @return the section's bytes; checks the format's limits */
    static long bytes(ModelState state, boolean withBest) {
        long optimizer = utf8("optimizer", state.optimizer().kind());
        int hyperparameters = state.optimizer().hyperparameters().size();
        limit(hyperparameters <= MAX_HYPERPARAMETERS, "%s optimizer hyperparameters, the format allows at most %s",
                hyperparameters, MAX_HYPERPARAMETERS);
        int parameters = state.parameters().length;
        int slots = state.optimizerSlots().size();
        limit(parameters <= ModelFile.MAX_PARAMETERS, "%s parameters, the format allows at most %s", parameters,
                ModelFile.MAX_PARAMETERS);
        limit(slots <= ModelFile.MAX_OPTIMIZER_SLOTS, "%s optimizer slots, the format allows at most %s", slots,
                ModelFile.MAX_OPTIMIZER_SLOTS);
        return optimizer + 4 + 8 + 8L * hyperparameters + 4 + 4 + 8
                + (long) parameters * Float.BYTES * (1 + slots) * (withBest ? 2 : 1);
    }

    static void write(ByteSink sink, ModelState s, ModelState best) throws IOException {
        sink.string(s.optimizer().kind());
        sink.int32(s.optimizer().hyperparameters().size());
        sink.float64(s.optimizer().learningRate());
        for (double h : s.optimizer().hyperparameters()) {
            sink.float64(h);
        }
        sink.int32(s.parameters().length);
        sink.int32(s.optimizerSlots().size());
        sink.int64(s.optimizerStep());
        arrays(sink, s, s.parameters().length);
        if (best != null) {
            arrays(sink, best, s.parameters().length);
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

    /**
     * @param older the learning rate of versions 1 and 2's Adam
     * @param run the run's fields, for the best state's arrays and step; {@code null} for none
     * @param materialise {@code false} to only walk the structure (the arrays are skipped, not allocated)
     */
    static Read read(ByteSource in, FormatVersion version, ArchitectureSection.OlderSettings older,
            ProgressSection.RunFields run, boolean materialise) throws IOException {
        in.section("model state");
        Optimizer optimizer = version.hasRunAndOptimizer() ? optimizer(in) : olderOptimizer(older);
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
            return new Read(null, null);
        }
        try {
            ModelState state = modelState(states.get(0), optimizer, optimizerStep);
            ModelState best = copies == 2 ? modelState(states.get(1), optimizer, run.bestStep()) : null;
            return new Read(state, best);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid model: " + e.getMessage(), e);
        }
    }

    private static Optimizer optimizer(ByteSource in) throws IOException {
        int kindOffset = in.position();
        String kind = in.string("optimizer");
        int count = in.count("optimizer hyperparameter count", MAX_HYPERPARAMETERS);
        double rate = in.float64("learning rate");
        List<Double> hyperparameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hyperparameters.add(in.float64("optimizer hyperparameter " + i));
        }
        try {
            return Optimizer.of(kind, rate, hyperparameters);
        } catch (IllegalArgumentException e) {
            throw in.fail(kindOffset, "invalid optimizer: %s", e.getMessage());
        }
    }

    /** Adam, the only optimiser before version 3, with the configuration's learning rate. */
    private static Optimizer olderOptimizer(ArchitectureSection.OlderSettings older) throws ModelFormatException {
        try {
            return Optimizer.adam(older.learningRate());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static ModelState modelState(List<float[]> arrays, Optimizer optimizer, long step) {
        return new ModelState(arrays.get(0), optimizer, arrays.subList(1, arrays.size()), step);
    }
}
