package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.StepReport;
import io.github.vae4j.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Prints training progress: while an epoch runs, a console progress bar with examples per second and the current
 * batch loss (only when a terminal is attached, unless forced); after each epoch, one line with loss,
 * reconstruction, KL and seconds. Also passes every report on to another listener and checks for Ctrl-C.
 */
final class ConsoleProgress implements TrainingListener {

    private final PrintStream out;
    private final String model;
    private final int epochs;
    private final int rows;
    private final boolean bar;
    private final TrainingListener next;
    private final GracefulStop stop;
    private ProgressBar progress;
    private int firstEpoch = -1;

    /**
     * @param out where to print
     * @param model the model's name in the lines, e.g. "latent 10"
     * @param epochs epochs of this fit call
     * @param rows training rows per epoch
     * @param bar whether to show a progress bar
     * @param next another listener, or null
     * @param stop checked after each step, or null
     */
    ConsoleProgress(PrintStream out, String model, int epochs, int rows, boolean bar, TrainingListener next,
            GracefulStop stop) {
        this.out = out;
        this.model = model;
        this.epochs = epochs;
        this.rows = rows;
        this.bar = bar;
        this.next = next;
        this.stop = stop;
    }

    /** @return whether a progress bar makes sense here: a console is attached */
    static boolean interactive() {
        return System.console() != null;
    }

    @Override
    public void onStep(StepReport step) {
        if (firstEpoch < 0) {
            firstEpoch = step.epoch();
        }
        if (bar) {
            if (progress == null) {
                progress = new ProgressBarBuilder()
                        .setTaskName(String.format(Locale.ROOT, "%s epoch %d/%d", model, step.epoch() - firstEpoch + 1,
                                epochs))
                        .setInitialMax(rows)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" examples", 1)
                        .showSpeed()
                        .setUpdateIntervalMillis(200)
                        .setMaxRenderedLength(110)
                        .clearDisplayOnFinish()
                        .setConsumer(new ConsoleProgressBarConsumer(out, 110))
                        .build();
            }
            progress.stepBy(step.rows());
            progress.setExtraMessage(String.format(Locale.ROOT, "  loss %.1f", step.loss()));
        }
        if (next != null) {
            next.onStep(step);
        }
        if (stop != null) {
            stop.check();
        }
    }

    @Override
    public void onEpoch(EpochReport epoch) {
        closeBar();
        if (firstEpoch < 0) {
            firstEpoch = epoch.epoch();
        }
        out.printf(Locale.ROOT, "%s epoch %2d/%d  loss %7.2f  reconstruction %7.2f  KL %6.2f nats  %5.1f s  "
                + "(%,.0f examples/s)%n", model, epoch.epoch() - firstEpoch + 1, epochs, epoch.loss(),
                epoch.reconstruction(), epoch.kl(), epoch.seconds(), epoch.examplesPerSecond());
        out.flush();
        if (next != null) {
            next.onEpoch(epoch);
        }
    }

    /** Ends a bar left open by an interrupted epoch. */
    void closeBar() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }
}
