package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.BatchBuffers;
import io.github.vae4j.nd4j.nn.VaeNetwork;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forward-only frames for inference, lent to one thread at a time so concurrent calls never share buffers. The pool
 * keeps at most {@code maxIdle} frames; a burst of more threads makes temporary frames that are dropped afterwards.
 */
final class BatchBufferPool {

    private final VaeNetwork network;
    private final int capacity;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<BatchBuffers> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    BatchBufferPool(VaeNetwork network, int capacity, int maxIdle) {
        this.network = network;
        this.capacity = capacity;
        this.maxIdle = maxIdle;
    }

    /**
     * A frame for the calling thread, which is also given ND4J's thread settings: every inference path starts here.
     */
    BatchBuffers borrow() {
        Nd4jRuntime.configureThread();
        BatchBuffers f = idle.poll();
        if (f != null) {
            idleCount.decrementAndGet();
            return f;
        }
        return network.newFrame(capacity, false);
    }

    void release(BatchBuffers f) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(f);
        } else {
            idleCount.decrementAndGet();
        }
    }

    void clear() {
        idle.clear();
        idleCount.set(0);
    }
}
