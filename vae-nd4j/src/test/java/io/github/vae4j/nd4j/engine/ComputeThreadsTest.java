package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The team's hand-offs: every part once per run, on distinct threads, failures reported, busy teams refused. */
class ComputeThreadsTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @Test
    void runsEveryPartOnceEachOnItsOwnThreadAndWaitsForAll() {
        ComputeThreads team = new ComputeThreads(3);
        for (int round = 0; round < 200; round++) {
            AtomicIntegerArray counts = new AtomicIntegerArray(3);
            ConcurrentHashMap<Integer, Thread> threads = new ConcurrentHashMap<>();
            assertThat(team.run(i -> {
                counts.incrementAndGet(i);
                threads.put(i, Thread.currentThread());
            })).isTrue();
            // run returned, so every part has finished
            for (int i = 0; i < 3; i++) {
                assertThat(counts.get(i)).as("part %s in round %s", i, round).isEqualTo(1);
            }
            assertThat(threads.get(0)).isSameAs(Thread.currentThread());
            assertThat(threads.values()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aBusyTeamRunsNothingAndSaysSo() {
        ComputeThreads team = new ComputeThreads(2);
        boolean[] nested = new boolean[2];
        int[] nestedCalls = new int[1];
        assertThat(team.run(i -> {
            if (i == 0) {
                nested[0] = team.run(j -> nestedCalls[0]++);
            }
        })).isTrue();
        assertThat(nested[0]).isFalse();
        assertThat(nestedCalls[0]).isZero();
        assertThat(team.run(i -> nested[1] = true)).isTrue();
        assertThat(nested[1]).isTrue();
    }

    @Test
    void runAllOnABusyTeamRunsEveryPartInOrderOnTheCaller() {
        ComputeThreads team = new ComputeThreads(3);
        StringBuilder order = new StringBuilder();
        Thread caller = Thread.currentThread();
        boolean[] allOnCaller = {true};
        team.run(i -> {
            if (i == 0) {
                team.runAll(j -> {
                    order.append(j);
                    allOnCaller[0] &= Thread.currentThread() == caller;
                });
            }
        });
        assertThat(order).hasToString("012");
        assertThat(allOnCaller[0]).isTrue();
    }

    @Test
    void aHelpersFailureReachesTheCallerAfterEveryPartAndTheTeamStaysUsable() {
        ComputeThreads team = new ComputeThreads(2);
        AtomicIntegerArray finished = new AtomicIntegerArray(2);
        assertThatThrownBy(() -> team.run(i -> {
            if (i == 1) {
                throw new ArithmeticException("part 1 broke");
            }
            finished.set(0, 1);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("helper thread failed")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThat(finished.get(0)).isEqualTo(1);
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        assertThat(team.run(counts::incrementAndGet)).isTrue();
        assertThat(counts.get(0) + counts.get(1)).isEqualTo(2);
    }

    @Test
    void theCallersOwnFailureIsRethrownAsItIs() {
        ComputeThreads team = new ComputeThreads(2);
        assertThatThrownBy(() -> team.run(i -> {
            if (i == 0) {
                throw new IllegalArgumentException("caller broke");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("caller broke");
        assertThat(team.run(i -> { })).isTrue();
    }

    @Test
    void helpersThatParkedAfterIdlingWakeForTheNextRun() throws InterruptedException {
        ComputeThreads team = new ComputeThreads(2);
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        team.run(counts::incrementAndGet);
        Thread.sleep(ComputeThreads.SPIN_MILLIS * 4);
        assertThat(team.run(counts::incrementAndGet)).isTrue();
        assertThat(counts.get(1)).isEqualTo(2);
    }

    @Test
    void anInterruptedParkedHelperStillWorks() throws InterruptedException {
        ComputeThreads team = new ComputeThreads(2);
        Thread[] helper = new Thread[1];
        team.run(i -> {
            if (i == 1) {
                helper[0] = Thread.currentThread();
            }
        });
        Thread.sleep(ComputeThreads.SPIN_MILLIS * 4);
        helper[0].interrupt();
        Thread.sleep(ComputeThreads.SPIN_MILLIS * 4);
        AtomicIntegerArray counts = new AtomicIntegerArray(2);
        assertThat(team.run(counts::incrementAndGet)).isTrue();
        assertThat(counts.get(1)).isEqualTo(1);
        assertThat(helper[0].isAlive()).isTrue();
        // parked again rather than spinning on an interrupt that park returns for at once
        Thread.sleep(ComputeThreads.SPIN_MILLIS * 4);
        assertThat(helper[0].getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
    }

    @Test
    void aTeamOfOneRunsOnTheCallerAndATeamOfNoneIsRefused() {
        ComputeThreads team = new ComputeThreads(1);
        Thread[] ran = new Thread[1];
        assertThat(team.run(i -> ran[0] = Thread.currentThread())).isTrue();
        assertThat(ran[0]).isSameAs(Thread.currentThread());
        assertThatThrownBy(() -> new ComputeThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
