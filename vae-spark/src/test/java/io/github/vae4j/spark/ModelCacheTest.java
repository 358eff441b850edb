package io.github.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

    /** A model that counts its loads and closes, and fails if used after it was closed. */
    private static final class Model implements AutoCloseable {
        static final AtomicInteger OPEN = new AtomicInteger();
        final String key;
        volatile boolean closed;

        Model(String key) {
            this.key = key;
            OPEN.incrementAndGet();
        }

        void use() {
            assertThat(closed).as("model %s used after it was closed", key).isFalse();
        }

        @Override
        public void close() {
            assertThat(closed).as("model %s closed twice", key).isFalse();
            closed = true;
            OPEN.decrementAndGet();
        }
    }

    @Test
    void keepsAtMostItsCapacityAndClosesTheLeastRecentlyLeasedOnceItIsGivenBack() {
        ModelCache<Model> cache = new ModelCache<>(2);
        List<Model> loaded = new ArrayList<>();
        ModelCache.Lease<Model> a = cache.lease("a", () -> add(loaded, "a"));
        cache.lease("b", () -> add(loaded, "b")).close();
        ModelCache.Lease<Model> again = cache.lease("a", () -> add(loaded, "a"));
        assertThat(loaded).as("a kept model is not loaded again").hasSize(2);
        cache.lease("c", () -> add(loaded, "c")).close();
        assertThat(cache.keys()).as("b was the least recently leased").containsExactly("a", "c");
        assertThat(loaded.get(1).closed).as("b, dropped and held by no task").isTrue();
        cache.lease("d", () -> add(loaded, "d")).close();
        assertThat(cache.keys()).containsExactly("c", "d");
        Model held = a.model();
        assertThat(held.closed).as("a is dropped but still leased twice").isFalse();
        held.use();
        a.close();
        a.close(); // a second close of the same lease gives nothing back again
        assertThat(held.closed).as("one lease of a is still open").isFalse();
        again.close();
        assertThat(held.closed).as("a, once its last lease ended").isTrue();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new ModelCache<Model>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 model, got 0");
    }

    @Test
    void manyTasksAtOnceNeverUseAClosedModelAndEveryDroppedModelIsClosed() throws Exception {
        ModelCache<Model> cache = new ModelCache<>(2);
        int before = Model.OPEN.get();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                long seed = t;
                tasks.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 2_000; i++) {
                        String key = "m" + r.nextInt(5);
                        try (ModelCache.Lease<Model> lease = cache.lease(key, () -> new Model(key))) {
                            lease.model().use();
                            Thread.yield();
                            lease.model().use();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.keys()).hasSizeLessThanOrEqualTo(2);
        assertThat(Model.OPEN.get() - before).as("models left open: only those kept").isEqualTo(cache.keys().size());
    }

    private static Model add(List<Model> loaded, String key) {
        Model m = new Model(key);
        loaded.add(m);
        return m;
    }
}
