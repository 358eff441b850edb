package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of vae-api, read from its compiled classes by {@code jdeps} (every class a class refers to in its
 * bytecode, nested classes counted as their outer class):
 * <ol>
 *   <li>the host's vocabulary: the root package's value types, plans, reports and component interfaces, with
 *       {@code tabular}, {@code data} and {@code spi.RandomStream};</li>
 *   <li>{@code spi} (the backend protocol), {@code io} (the model file), {@code internal} (pieces shared below the
 *       facade);</li>
 *   <li>{@code distributed} and {@code training};</li>
 *   <li>the facade: {@link Vae} and the package-private pieces it delegates to;</li>
 *   <li>{@code series}, the time-series detector, built on the facade as a host's code is.</li>
 * </ol>
 * The sub-packages form a graph without cycles, no class below the facade refers to it, and the only cycle of classes
 * that crosses a package is {@link DataSource}'s factories with the sources they make. The root package holds both the
 * vocabulary (which every package uses) and the facade (which uses every package), so packages taken whole meet
 * there: that is the price of {@code io.github.vae4j.Vae} and {@code io.github.vae4j.Training} keeping their names.
 */
class PackageLayersTest {

    private static final String ROOT = "io.github.vae4j";
    private static final String SERIES = ROOT + ".series";
    private static final Set<String> FACADE = Set.of("Vae", "VaeState", "FitSession", "Inference", "TableMethods",
            "Persistence", "Conditioning", "TableConditions");
    /** jdeps's lines: {@code    io.github.vae4j.A -> io.github.vae4j.B    io.github.vae4j.api}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.github\\.vae4j\\S*)\\s+->\\s+(io\\.github\\.vae4j\\S*)");

    private static Map<String, Set<String>> classes;

    @BeforeAll
    static void readClasses(@TempDir Path dir) throws IOException {
        Path compiled = Path.of("target", "classes");
        assertThat(compiled.resolve("io/github/vae4j/Vae.class")).as("vae-api's compiled classes").exists();
        // without module-info, jdeps need not resolve the module's dependencies
        try (Stream<Path> files = Files.walk(compiled)) {
            files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class")).forEach(p -> {
                try {
                    Path to = dir.resolve(compiled.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                dir.toString());
        assertThat(rc).as("jdeps: %s", out).isZero();
        classes = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                String from = outer(m.group(1));
                String to = outer(m.group(2));
                if (!from.equals(to)) {
                    classes.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                    classes.computeIfAbsent(to, k -> new TreeSet<>());
                }
            }
        }
        assertThat(classes).as("classes read").hasSizeGreaterThan(50);
    }

    @Test
    void theSubPackagesFormAGraphWithoutCycles() {
        Map<String, Set<String>> packages = new TreeMap<>();
        classes.forEach((from, tos) -> tos.forEach(to -> {
            String a = packageOf(from);
            String b = packageOf(to);
            if (!a.equals(ROOT) && !b.equals(ROOT) && !a.equals(b)) {
                packages.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
            }
            packages.computeIfAbsent(a, k -> new TreeSet<>());
        }));
        assertThat(packages.keySet()).as("the sub-packages").contains(ROOT + ".spi", ROOT + ".training",
                ROOT + ".distributed", ROOT + ".internal", ROOT + ".io", ROOT + ".tabular", ROOT + ".data");
        assertThat(cycles(packages)).as("cycles among the sub-packages: %s", packages).isEmpty();
    }

    @Test
    void noClassCycleCrossesAPackageButDataSourcesFactories() {
        List<Set<String>> crossing = new ArrayList<>();
        for (Set<String> cycle : cycles(classes)) {
            if (cycle.stream().map(PackageLayersTest::packageOf).distinct().count() > 1) {
                crossing.add(cycle);
            }
        }
        assertThat(crossing).as("cycles of classes across packages").containsExactly(
                Set.of(ROOT + ".DataSource", ROOT + ".data.ArraySource", ROOT + ".data.CsvSource",
                        ROOT + ".data.IdxSource"));
    }

    @Test
    void nothingBelowTheFacadeRefersToIt() {
        List<String> wrong = new ArrayList<>();
        classes.forEach((from, tos) -> tos.forEach(to -> {
            if (inFacade(to) && !inFacade(from) && !packageOf(from).equals(SERIES)) {
                wrong.add(from + " -> " + to);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void nothingRefersToTheSeriesLayerAboveTheFacade() {
        List<String> wrong = new ArrayList<>();
        classes.forEach((from, tos) -> tos.forEach(to -> {
            if (packageOf(to).equals(SERIES) && !packageOf(from).equals(SERIES)) {
                wrong.add(from + " -> " + to);
            }
        }));
        assertThat(classes.keySet()).anyMatch(c -> packageOf(c).equals(SERIES));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theHostsVocabularyUsesNoTrainerDistributedSeamModelFileOrInternals() {
        List<String> wrong = new ArrayList<>();
        classes.forEach((from, tos) -> tos.forEach(to -> {
            String below = packageOf(to);
            if (packageOf(from).equals(ROOT) && !inFacade(from) && (below.endsWith(".training")
                    || below.endsWith(".distributed") || below.endsWith(".internal") || below.endsWith(".io"))) {
                wrong.add(from + " -> " + to);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    private static boolean inFacade(String name) {
        return packageOf(name).equals(ROOT) && FACADE.contains(name.substring(ROOT.length() + 1));
    }

    private static String outer(String name) {
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static String packageOf(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** The strongly connected components of more than one node (Tarjan's algorithm, iterative). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String start : graph.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            visit(start, graph, index, low, stack, onStack, counter, work);
            while (!work.isEmpty()) {
                Map.Entry<String, java.util.Iterator<String>> top = work.peek();
                String v = top.getKey();
                if (top.getValue().hasNext()) {
                    String w = top.getValue().next();
                    if (!index.containsKey(w)) {
                        visit(w, graph, index, low, stack, onStack, counter, work);
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = work.peek().getKey();
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        Set<String> component = new TreeSet<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        if (component.size() > 1) {
                            out.add(component);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter,
            Deque<Map.Entry<String, java.util.Iterator<String>>> work) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        work.push(Map.entry(v, graph.getOrDefault(v, Set.of()).iterator()));
    }

    @Test
    void theCycleFinderFindsACycleAndNoneInAChain() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a", "d"));
        g.put("d", Set.of());
        assertThat(cycles(g)).containsExactly(Set.of("a", "b", "c"));
        g.put("c", Set.of("d"));
        assertThat(cycles(g)).isEmpty();
    }
}
