package io.github.vae4j.spark;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models one executor JVM keeps for its tasks, by key, at most {@code capacity} of them: a task leases a model
 * ({@link #lease}), loaded on first use, and gives it back when it ends ({@link Lease#close}). When a new model
 * would make more than {@code capacity}, the least recently leased one is dropped, and closed (its native memory
 * freed) as soon as no task holds it; a task that holds a dropped model goes on using it until its lease ends.
 *
 * @param <V> the model type
 */
final class ModelCache<V extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

    private final int capacity;
    /** In lease order, least recent first. Guarded by this. */
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** @param capacity models kept at once, at least 1 */
    ModelCache(int capacity) {
        checkArgument(capacity >= 1, "a model cache keeps at least 1 model, got %s", capacity);
        this.capacity = capacity;
    }

    /** A model held by one task; closing it gives the model back. */
    static final class Lease<V extends AutoCloseable> implements AutoCloseable {
        private final ModelCache<V> cache;
        private final Entry<V> entry;
        private boolean closed;

        private Lease(ModelCache<V> cache, Entry<V> entry) {
            this.cache = cache;
            this.entry = entry;
        }

        /** @return the model, usable until this lease is closed */
        V model() {
            return entry.model;
        }

        /** Gives the model back: the first call only. */
        @Override
        public void close() {
            synchronized (cache) {
                if (!closed) {
                    closed = true;
                    entry.leases--;
                    cache.closeIfUnused(entry);
                }
            }
        }
    }

    private static final class Entry<V> {
        final String key;
        final V model;
        int leases;
        boolean dropped;

        Entry(String key, V model) {
            this.key = key;
            this.model = model;
        }
    }

    /**
     * Leases the model of {@code key}, loading it with {@code load} if it is not kept: one load per key while it is
     * kept, however many tasks ask at once.
     *
     * @param key the model's identity (its file's checksum)
     * @param load makes the model
     * @return the lease, to close when the task no longer needs the model
     */
    synchronized Lease<V> lease(String key, Supplier<V> load) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            e = new Entry<>(key, load.get());
            entries.put(key, e);
            dropLeastRecent();
        }
        e.leases++;
        return new Lease<>(this, e);
    }

    /** @return the keys of the models kept, least recently leased first */
    synchronized java.util.List<String> keys() {
        return java.util.List.copyOf(entries.keySet());
    }

    private void dropLeastRecent() {
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            Entry<V> eldest = it.next().getValue();
            it.remove();
            eldest.dropped = true;
            LOG.info("vae4j model {} dropped from this executor's {} kept models", eldest.key, capacity);
            closeIfUnused(eldest);
        }
    }

    private void closeIfUnused(Entry<V> e) {
        if (e.dropped && e.leases == 0) {
            try {
                e.model.close();
            } catch (Exception ex) {
                LOG.warn("closing dropped vae4j model {} failed: {}", e.key, ex.toString());
            }
        }
    }
}
