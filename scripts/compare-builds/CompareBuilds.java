import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Trains two builds of vae4j in one process, taking turns every few steps, so that both see the same machine: on a
 * shared VM the speed of the same code drifts by tens of percent within an hour, and runs one after another do not
 * rank builds. Each build has its own class loader over its jars; ND4J is shared.
 *
 * <p>Arguments: driver classes folder, jar folder A, jar folder B, rounds, steps per turn, and optionally the names
 * to print for A and B.
 */
public class CompareBuilds {

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        String[] folders = {args[1], args[2]};
        String[] names = args.length > 6 ? new String[] {args[5], args[6]} : folders;
        IntFunction<long[]>[] builds = new IntFunction[2];
        for (int b = 0; b < 2; b++) {
            List<URL> urls = new ArrayList<>();
            urls.add(new File(args[0]).toURI().toURL());
            for (File jar : new File(folders[b]).listFiles()) {
                urls.add(jar.toURI().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), CompareBuilds.class.getClassLoader());
            builds[b] = (IntFunction<long[]>) loader.loadClass("StepDriver").getDeclaredConstructor().newInstance();
            builds[b].apply(100);
        }
        double[][] turnMeans = new double[2][rounds];
        List<Long>[] all = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                int b = r % 2 == 0 ? i : 1 - i;
                long[] t = builds[b].apply(steps);
                turnMeans[b][r] = Arrays.stream(t).average().orElse(0) / 1e6;
                for (long x : t) {
                    all[b].add(x);
                }
            }
        }
        int fasterB = 0;
        for (int r = 0; r < rounds; r++) {
            fasterB += turnMeans[1][r] < turnMeans[0][r] ? 1 : 0;
        }
        for (int b = 0; b < 2; b++) {
            long[] t = all[b].stream().mapToLong(Long::longValue).sorted().toArray();
            double[] m = turnMeans[b].clone();
            Arrays.sort(m);
            System.out.printf("%s: step median %.3f ms, median of turn means %.3f ms = %.0f examples/s%n", names[b],
                    t[t.length / 2] / 1e6, m[rounds / 2], 100_000 / m[rounds / 2]);
        }
        System.out.printf("B faster than A in %d of %d turns%n", fasterB, rounds);
        System.exit(0);
    }
}
