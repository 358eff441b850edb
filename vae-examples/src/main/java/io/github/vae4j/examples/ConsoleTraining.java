package io.github.vae4j.examples;

import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Trains a model with console progress and Ctrl-C handling. */
final class ConsoleTraining {

    private ConsoleTraining() {
    }

    /**
     * Fits the model for its configured epochs.
     *
     * @param vae the model
     * @param rows training rows
     * @param name the model's name in progress lines
     * @param out where progress goes
     * @param bar whether to show a progress bar
     * @param listener another listener, or null
     * @param stop Ctrl-C handling
     * @param saveOnStop where the model is saved if training is interrupted
     * @return true if training completed, false if it was interrupted (the model is then saved)
     * @throws IOException if saving an interrupted model fails
     */
    static boolean fit(Vae vae, float[][] rows, String name, PrintStream out, boolean bar, TrainingListener listener,
            GracefulStop stop, Path saveOnStop) throws IOException {
        return fit(vae, rows, null, name, out, bar, listener, stop, saveOnStop);
    }

    /** As above, for a conditional model: {@code conditions} one per row, or {@code null} for an unconditional one. */
    static boolean fit(Vae vae, float[][] rows, float[][] conditions, String name, PrintStream out, boolean bar,
            TrainingListener listener, GracefulStop stop, Path saveOnStop) throws IOException {
        ConsoleProgress progress = new ConsoleProgress(out, name, vae.trainingDefaults().epochs(), rows.length, bar,
                listener, stop);
        try {
            if (conditions == null) {
                vae.fit(rows, progress);
            } else {
                vae.fit(rows, conditions, io.github.vae4j.Training.builder().listener(progress).build());
            }
            return true;
        } catch (GracefulStop.StopRequested e) {
            progress.closeBar();
            saveInterrupted(vae, saveOnStop, out);
            return false;
        }
    }

    /** Saves a model after Ctrl-C and says so. */
    static void saveInterrupted(Vae vae, Path file, PrintStream out) throws IOException {
        vae.save(file);
        out.printf(Locale.ROOT, "Stopped. Saved the model (completed epochs: %d) to %s; Vae.load(path) reads it back "
                + "and fit continues training.%n", vae.epochsCompleted(), file.toAbsolutePath());
        out.flush();
    }
}
