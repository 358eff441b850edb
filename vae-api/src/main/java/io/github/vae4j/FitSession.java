package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.data.ArraySource;
import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.io.TrainingDefaults;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableSource;
import io.github.vae4j.tabular.TabularEncoding;
import io.github.vae4j.training.DistributedSource;
import io.github.vae4j.training.EncodedSource;
import io.github.vae4j.training.RunSettings;
import io.github.vae4j.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a run is driven from the facade's {@code fit} calls: the data checked at the edge, a tabular model's scaling
 * fitted at its first fit, the plan resolved against the model's defaults ({@link RunSettings}), the backend model
 * made once the width is known, and the {@link Trainer} run. Called with the {@link VaeState}'s write lock held.
 */
final class FitSession {

    private final VaeState s;

    FitSession(VaeState state) {
        this.s = state;
    }

    FitReport fit(float[][] data, Training plan) {
        if (s.config.isTabular()) {
            throw new IllegalStateException("a model with a schema trains on tables: fit(Table) or fit(Table, "
                    + "Training), or fit(DataSource, Training) with a source of raw rows such as "
                    + "Table.csvSource(path, schema)");
        }
        Conditioning.requireUnconditioned(s.config, "fit(rows)", "fit(rows, conditions) or fit(rows, conditions, "
                + "plan)");
        int width = s.checkRows(data, "data", s.expectedWidth(), s.widthMeaning());
        checkArgument(data.length > 0, "data has no rows");
        return train(DataSource.of(data), width, plan);
    }

    FitReport fit(float[][] data, float[][] conditions, Training plan) {
        Conditioning.requireConditioned(s.config, "fit(rows, conditions)");
        if (s.config.isTabular()) {
            throw new IllegalStateException("a model with a schema trains on tables: its condition columns are "
                    + "part of each row");
        }
        s.checkRows(data, "data", s.expectedWidth(), s.widthMeaning());
        checkArgument(data.length > 0, "data has no rows");
        Conditioning.check(s.config, conditions, data.length);
        float[][] joined = Conditioning.join(data, conditions);
        return train(DataSource.of(joined), joined[0].length, plan);
    }

    FitReport fit(DataSource data, Training plan) {
        if (s.config.isTabular()) {
            Schema schema = s.config.schema();
            checkArgument(data.width() == schema.size(), "the data source %s has rows of %s values, the schema %s "
                    + "columns", data, data.width(), schema.size());
            if (data instanceof TableSource t) {
                checkArgument(t.schema().equals(schema), "the source's schema is not the model's: %s against %s",
                        t.schema(), schema);
            }
            return trainTabular(data, plan, encoding -> new EncodedSource(data, encoding));
        }
        int width = data.width();
        if (data instanceof ArraySource a) {
            s.checkRows(a.rows(), "data", s.config.hasInputSize() ? s.config.rowWidth() : -1, s.rowMeaning(),
                    s.config.isConditional());
        }
        checkArgument(width > s.config.conditions(), "the data source %s has rows of %s values%s", data, width,
                s.config.isConditional() ? ", the model's condition alone has " + s.config.conditions() : "");
        checkWidth("the data source " + data, width);
        return train(data, width, plan);
    }

    FitReport fit(Table table, Training plan) {
        Schema schema = TableMethods.requireSchema(s.config, "fit(Table)");
        TableMethods.checkTable(schema, table);
        checkArgument(table.rowCount() > 0, "the table has no rows");
        return trainTabular(table.asSource(), plan, encoding -> {
            if (table.hasUnknownLevels()) {
                float[] raw = new float[schema.size()];
                for (int r = 0; r < table.rowCount(); r++) {
                    table.rawRow(r, raw);
                    encoding.checkTrainable(raw, "table row " + r);
                }
            }
            return DataSource.of(TableMethods.encodeRows(encoding, table));
        });
    }

    FitReport fit(DistributedRows rows, Training plan) {
        checkArgument(plan.freeBits() == 0, "free bits (%s nats) need the whole batch's KL per dimension at once; "
                + "a distributed run cannot floor it", plan.freeBits());
        long size = rows.size();
        checkArgument(size > 0 && size < Integer.MAX_VALUE, "%s has %s rows; a distributed run needs 1 to %s", rows,
                size, Integer.MAX_VALUE - 1);
        Scaling given = rows.scaling().orElse(null);
        if (s.config.isTabular()) {
            checkArgument(given != null, "%s gives no scaling: a tabular model's distributed rows are encoded "
                    + "with the scaling fitted on them", rows);
            checkArgument(s.scaling == null || s.scaling.equals(given), "%s were encoded with another scaling than "
                    + "the model's", rows);
        } else {
            checkArgument(given == null, "%s give a scaling, but the model has no schema", rows);
        }
        int width = rows.width();
        checkArgument(width > 0, "%s has rows of %s values", rows, width);
        checkWidth(rows.toString(), width);
        s.ensureModel(width);
        if (s.config.isTabular()) {
            s.scaling = given;
        }
        rows.start(ModelFile.toBytes(s.snapshot(s.model, null)));
        return train(new DistributedSource(rows), width, plan);
    }

    /** The plan of {@code fit(rows)}: the model's defaults, every option set. */
    Training defaultTraining() {
        Training.Builder b = Training.builder().batchSize(s.defaults.batchSize()).beta(s.defaults.beta())
                .optimizer(s.optimizer);
        if (s.defaults.epochs() != TrainingDefaults.EPOCHS_BY_DATA) {
            b.epochs(s.defaults.epochs());
        }
        if (s.defaults.clipGradientNorm() > 0) {
            b.clipGradientNorm(s.defaults.clipGradientNorm());
        }
        if (s.checkpoints.file() != null) {
            b.checkpoint(s.checkpoints.file(), s.checkpoints.everyEpochs());
        }
        return b.build();
    }

    private void checkWidth(String data, int width) {
        checkArgument(!s.config.hasInputSize() || width == s.config.rowWidth(),
                "%s has rows of %s values, expected %s (%s)", data, width, s.config.hasInputSize()
                        ? s.config.rowWidth() : 0, s.rowMeaning());
    }

    /**
     * Trains a tabular model: fits the scaling in one pass over the raw rows at the first fit, encodes a validation
     * table, and trains on the encoded rows {@code encoded} gives.
     */
    private FitReport trainTabular(DataSource raw, Training plan, Function<TabularEncoding, DataSource> encoded) {
        Schema schema = s.config.schema();
        Scaling given = raw instanceof TableSource t ? t.scaling().orElse(null) : null;
        checkArgument(given == null || s.scaling == null || s.scaling.equals(given), "%s brings another scaling "
                + "than the model's", raw);
        Scaling fitted = s.scaling != null ? s.scaling : given != null ? given : fitScaling(schema, raw);
        TabularEncoding encoding = new TabularEncoding(schema, fitted);
        Training resolved = plan;
        if (plan.validationTable().isPresent()) {
            Table v = plan.validationTable().get();
            TableMethods.checkTable(schema, v);
            resolved = plan.toBuilder().validation(TableMethods.encodeRows(encoding, v)).build();
        }
        DataSource rows = encoded.apply(encoding);
        s.scaling = fitted;
        return train(rows, schema.encodedWidth(), resolved);
    }

    private static Scaling fitScaling(Schema schema, DataSource raw) {
        Scaling.Fitter fitter = new Scaling.Fitter(schema);
        float[] row = new float[raw.width()];
        long n = 0;
        try (DataSource.RowReader reader = raw.open()) {
            while (reader.next(row)) {
                EncodedSource.check(schema, row, reader);
                fitter.add(row);
                n++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the training data " + raw, e);
        }
        checkArgument(n > 0, "the training data %s has no rows", raw);
        return fitter.fit();
    }

    /** Checks the plan's validation rows, creates the model if needed and runs the plan. */
    private FitReport train(DataSource data, int width, Training plan) {
        if (plan.validationTable().isPresent() && !s.config.isTabular()) {
            throw new IllegalStateException("validation rows as a Table need a model with a schema; give float[][] "
                    + "rows instead");
        }
        plan.validation().ifPresent(v -> s.checkRows(v, "validation", width,
                s.config.hasInputSize() ? s.rowMeaning() : "the width of the training data", s.config.isConditional()));
        RunSettings settings = RunSettings.resolve(plan, s.defaults, s.optimizer, s.checkpoints.file(),
                s.checkpoints.everyEpochs(), s.config.seed(), width, data.size());
        s.ensureModel(width);
        try {
            return new Trainer(s.model, s.life, settings, data, s.unitColumns(width), this::writeCheckpoint).run();
        } finally {
            s.optimizer = s.model.optimizer();
        }
    }

    private void writeCheckpoint(Path file, RunProgress run) throws IOException {
        ModelFile.write(file, s.snapshot(s.model, run));
    }
}
