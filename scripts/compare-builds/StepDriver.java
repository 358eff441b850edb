import io.github.vae4j.TrainingListener;
import io.github.vae4j.StepReport;
import io.github.vae4j.Vae;
import io.github.vae4j.data.Idx;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * One build's side of {@code compare-builds.sh}: the default model on Fashion-MNIST through the public API only, so
 * that any build can be measured. {@code apply(steps)} trains on the next {@code steps} batches and returns the time
 * of each step but the first (the time between two step reports: the whole step, batch assembly included).
 */
public class StepDriver implements IntFunction<long[]> {

    private static final int BATCH = 100;
    private final Vae vae;
    private final float[][] train;
    private int next;

    public StepDriver() throws Exception {
        train = Idx.readImages(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
        vae = Vae.builder().latent(10).epochs(1).seed(42).build();
        vae.fit(Arrays.copyOf(train, 5_000));
    }

    @Override
    public long[] apply(int steps) {
        int rows = (steps + 1) * BATCH;
        if (next + rows > train.length) {
            next = 0;
        }
        float[][] slice = Arrays.copyOfRange(train, next, next + rows);
        next += rows;
        long[] times = new long[steps];
        long[] last = {0};
        int[] k = {-1};
        vae.fit(slice, new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                long now = System.nanoTime();
                if (k[0] >= 0 && k[0] < steps) {
                    times[k[0]] = now - last[0];
                }
                k[0]++;
                last[0] = now;
            }
        });
        return times;
    }
}
