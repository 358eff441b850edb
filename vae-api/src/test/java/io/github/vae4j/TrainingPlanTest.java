package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.io.TrainingDefaults;
import io.github.vae4j.training.HoldOut;
import io.github.vae4j.training.RunSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The plan, the optimisers and the schedules as values: defaults, validation of every setter, the maths. */
class TrainingPlanTest {

    @Test
    void everySetterRejectsImpossibleValuesAtTheCall() {
        Training.Builder b = Training.builder();
        assertThatThrownBy(() -> b.epochs(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be >= 0, got -1");
        assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be positive, got 0");
        assertThatThrownBy(() -> b.optimizer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.learningRateSchedule(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.beta(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> b.beta(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.klWarmup(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KL warm-up must be >= 0 steps, got -5");
        assertThatThrownBy(() -> b.freeBits(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.freeBits(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clipGradientNorm(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradient norm");
        assertThatThrownBy(() -> b.clipGradientNorm(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.validation((float[][]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.validation(new float[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation data has no rows");
        assertThatThrownBy(() -> b.validationFraction(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fraction must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> b.validationFraction(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.earlyStopping(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patience");
        assertThatThrownBy(() -> b.earlyStopping(3, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.shuffleBuffer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.listener(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.checkpoint(Path.of("c"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.checkpoint(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildRejectsImpossibleCombinations() {
        assertThatThrownBy(() -> Training.builder().earlyStopping(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("early stopping needs validation");
        assertThatThrownBy(() -> Training.builder().validation(new float[][] {{1}}).validationFraction(0.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void unsetOptionsAreEmptyAndToBuilderKeepsEveryOption() {
        Training d = Training.defaults();
        assertThat(d.epochs()).isEmpty();
        assertThat(d.batchSize()).isEmpty();
        assertThat(d.optimizer()).isEmpty();
        assertThat(d.beta()).isEmpty();
        assertThat(d.learningRateSchedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(d.validates()).isFalse();
        assertThat(d.earlyStoppingPatience()).isZero();

        TrainingListener l = new TrainingListener() { };
        Training full = Training.builder().epochs(7).batchSize(32).optimizer(Optimizer.sgd(0.1, 0.5)).beta(0.5)
                .klWarmup(10).freeBits(0.25).clipGradientNorm(5).validationFraction(0.2).earlyStopping(2, 0.1)
                .shuffleBuffer(64).listener(l).checkpoint(Path.of("x.vae4j"), 3)
                .learningRateSchedule(LearningRateSchedule.stepDecay(2, 0.5)).build();
        Training copy = full.toBuilder().build();
        assertThat(copy.epochs()).hasValue(7);
        assertThat(copy.batchSize()).hasValue(32);
        assertThat(copy.optimizer()).contains(Optimizer.sgd(0.1, 0.5));
        assertThat(copy.beta()).hasValue(0.5);
        assertThat(copy.klWarmupSteps()).isEqualTo(10);
        assertThat(copy.freeBits()).isEqualTo(0.25);
        assertThat(copy.clipGradientNorm()).isEqualTo(5);
        assertThat(copy.validationFraction()).isEqualTo(0.2);
        assertThat(copy.earlyStoppingPatience()).isEqualTo(2);
        assertThat(copy.earlyStoppingMinImprovement()).isEqualTo(0.1);
        assertThat(copy.shuffleBuffer()).hasValue(64);
        assertThat(copy.listeners()).containsExactly(l);
        assertThat(copy.checkpointFile()).contains(Path.of("x.vae4j"));
        assertThat(copy.checkpointEvery()).isEqualTo(3);
        assertThat(copy.learningRateSchedule()).isEqualTo(LearningRateSchedule.stepDecay(2, 0.5));
        assertThat(copy.toString()).contains("epochs 7", "free bits 0.25", "early stopping 2");
    }

    @Test
    void optimizersHaveTorchsDefaultsAndRejectImpossibleValues() {
        assertThat(Optimizer.adam(1e-3)).isEqualTo(new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-8));
        assertThat(Optimizer.rmsProp(1e-2)).isEqualTo(new Optimizer.RmsProp(1e-2, 0.99, 1e-8));
        assertThat(Optimizer.sgd(0.1, 0.9)).isEqualTo(new Optimizer.Sgd(0.1, 0.9, false));
        assertThat(Optimizer.adam(1e-3).withBetas(0.8, 0.99).withEpsilon(1e-6))
                .isEqualTo(new Optimizer.Adam(1e-3, 0.8, 0.99, 1e-6));
        assertThat(Optimizer.rmsProp(1e-3).withDecay(0.9).withEpsilon(1e-5).withLearningRate(0.5))
                .isEqualTo(new Optimizer.RmsProp(0.5, 0.9, 1e-5));
        assertThat(Optimizer.adam(1).slots()).isEqualTo(2);
        assertThat(Optimizer.rmsProp(1).slots()).isEqualTo(1);
        assertThat(Optimizer.sgd(1, 0.5).slots()).isEqualTo(1);
        assertThat(Optimizer.sgd(1, 0).slots()).isZero();
        assertThatThrownBy(() -> Optimizer.adam(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning rate must be positive and finite, got 0.0");
        assertThatThrownBy(() -> Optimizer.adam(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Optimizer.adam(1e-3).withBetas(1, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta1");
        assertThatThrownBy(() -> Optimizer.adam(1e-3).withEpsilon(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Optimizer.rmsProp(1e-3).withDecay(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Optimizer.sgd(0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> Optimizer.sgd(0.1, 0).withNesterov(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nesterov");
    }

    @Test
    void optimizersRoundTripThroughTheirFileRepresentation() {
        for (Optimizer o : List.of(Optimizer.adam(2e-3).withBetas(0.5, 0.75), Optimizer.rmsProp(1e-4).withDecay(0.9),
                Optimizer.sgd(0.05, 0.9).withNesterov(true), Optimizer.sgd(0.05, 0))) {
            assertThat(Optimizer.of(o.kind(), o.learningRate(), o.hyperparameters())).isEqualTo(o);
        }
        assertThatThrownBy(() -> Optimizer.of("ADAMW", 1e-3, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown optimizer 'ADAMW': this library knows ADAM, RMSPROP and SGD");
        assertThatThrownBy(() -> Optimizer.of("ADAM", 1e-3, List.of(0.9))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Optimizer.of("SGD", 1e-3, List.of(0.9, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nesterov flag");
    }

    @Test
    void schedulesGiveTheirHandComputedFactors() {
        LearningRateSchedule constant = LearningRateSchedule.constant();
        assertThat(constant.factor(12345, 7, 0)).isEqualTo(1);
        assertThat(constant.needsTotalSteps()).isFalse();

        LearningRateSchedule step = LearningRateSchedule.stepDecay(3, 0.5);
        assertThat(step.factor(0, 0, 0)).isEqualTo(1);
        assertThat(step.factor(99, 2, 0)).isEqualTo(1);
        assertThat(step.factor(0, 3, 0)).isEqualTo(0.5);
        assertThat(step.factor(0, 7, 0)).isEqualTo(0.25);

        // warm-up over 4 steps, then a half cosine over the remaining 6 of 10 steps down to 0.1
        LearningRateSchedule cosine = LearningRateSchedule.cosine(4, 0.1);
        assertThat(cosine.needsTotalSteps()).isTrue();
        assertThat(cosine.factor(0, 0, 10)).isEqualTo(0.25);
        assertThat(cosine.factor(3, 0, 10)).isEqualTo(1.0);
        assertThat(cosine.factor(4, 0, 10)).isEqualTo(1.0);
        // step 6: progress 2/5, 0.1 + 0.9 * 0.5 * (1 + cos(0.4 pi)) = 0.1 + 0.45 * 1.309017 = 0.689058
        assertThat(cosine.factor(6, 0, 10)).isCloseTo(0.6890576, within(1e-6));
        assertThat(cosine.factor(9, 0, 10)).isCloseTo(0.1, within(1e-12));
        assertThat(cosine.factor(50, 0, 10)).isCloseTo(0.1, within(1e-12));
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningRateSchedule.cosine(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void klWarmupRisesLinearlyFromZeroToBeta() {
        RunSettings s = resolve(Training.builder().klWarmup(4).beta(2).build(), Optimizer.adam(1e-3));
        assertThat(new double[] {s.betaAt(0), s.betaAt(1), s.betaAt(2), s.betaAt(3), s.betaAt(4), s.betaAt(100)})
                .containsExactly(0, 0.5, 1, 1.5, 2, 2);
        RunSettings none = resolve(Training.defaults(), Optimizer.adam(1e-3));
        assertThat(none.betaAt(0)).isEqualTo(1);
        assertThat(none.epochs()).isEqualTo(10);
        assertThat(none.batchSize()).isEqualTo(100);
        // 16 MiB of 3-value rows
        assertThat(none.shuffleBufferRows()).isEqualTo((16 << 20) / 12);
    }

    /** The settings of a plan under the standard defaults, for rows of 3 values, their number unknown. */
    private static RunSettings resolve(Training plan, Optimizer modelOptimizer) {
        return RunSettings.resolve(plan, TrainingDefaults.STANDARD, modelOptimizer, null, 0, 1, 3,
                OptionalLong.empty());
    }

    @Test
    void theDefaultOptimisersRateGrowsWithTheSquareRootOfALargerBatch() {
        Optimizer adam = Optimizer.adam(1e-3);
        RunSettings at400 = resolve(Training.builder().batchSize(400).build(), adam);
        assertThat(at400.baseLearningRate()).isEqualTo(2e-3);
        assertThat(at400.learningRateAt(0, 0, 0)).isEqualTo(2e-3);
        assertThat(at400.optimizer()).as("the model's optimiser itself is kept").isEqualTo(adam);
        assertThat(resolve(Training.builder().batchSize(2500).build(), adam).baseLearningRate())
                .isCloseTo(5e-3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(resolve(Training.builder().batchSize(50).build(), adam).baseLearningRate())
                .as("smaller batches keep the rate").isEqualTo(1e-3);
        assertThat(resolve(Training.builder().batchSize(400).optimizer(adam).build(), adam).baseLearningRate())
                .as("a plan's own optimiser is taken as it is").isEqualTo(1e-3);
        assertThat(resolve(Training.builder().batchSize(400).build(), Optimizer.adam(5e-4)).baseLearningRate())
                .as("so is a model's other optimiser").isEqualTo(5e-4);
    }

    @Test
    void epochsSizedByTheDataMakeAtLeastTwoThousandStepsAndTenEpochs() {
        TrainingDefaults byData = new TrainingDefaults(TrainingDefaults.EPOCHS_BY_DATA, 100, 1);
        assertThat(byData.epochsFor(OptionalLong.of(900), 100)).as("9 steps an epoch").isEqualTo(223);
        assertThat(byData.epochsFor(OptionalLong.of(100_000), 100)).as("1,000 steps an epoch").isEqualTo(10);
        assertThat(byData.epochsFor(OptionalLong.of(20_000), 100)).isEqualTo(10);
        assertThat(byData.epochsFor(OptionalLong.of(10_000), 250)).as("40 steps an epoch").isEqualTo(50);
        assertThat(byData.epochsFor(OptionalLong.empty(), 100)).as("rows unknown").isEqualTo(10);
        assertThat(TrainingDefaults.STANDARD.epochsFor(OptionalLong.of(900), 100)).as("set epochs are kept")
                .isEqualTo(10);
        RunSettings run = RunSettings.resolve(Training.defaults(), byData, Optimizer.adam(1e-3), null, 0, 1, 3,
                OptionalLong.of(900));
        assertThat(run.epochs()).isEqualTo(223);
        assertThat(RunSettings.resolve(Training.builder().epochs(3).build(), byData, Optimizer.adam(1e-3), null, 0, 1,
                3, OptionalLong.of(900)).epochs()).as("a plan's epochs are kept").isEqualTo(3);
        assertThat(Vae.builder().schema(io.github.vae4j.tabular.Schema.builder().numeric("x").build())
                .trainingDefaults().epochs()).as("the tabular default").isEqualTo(TrainingDefaults.EPOCHS_BY_DATA);
        assertThat(Vae.builder().inputSize(3).trainingDefaults().epochs()).isEqualTo(10);
        assertThatThrownBy(() -> new TrainingDefaults(-2, 100, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -2");
    }

    @Test
    void theHoldOutSplitIsTheFractionAskedForAndTheSameEveryTime() {
        HoldOut h = HoldOut.of(42, 0.1);
        int held = 0;
        for (long i = 0; i < 100_000; i++) {
            if (h.isHeldOut(i)) {
                held++;
            }
            assertThat(h.isHeldOut(i)).isEqualTo(HoldOut.of(42, 0.1).isHeldOut(i));
        }
        assertThat(held).isBetween(9_700, 10_300); // 3 standard deviations of a binomial(100000, 0.1): 285
        int same = 0;
        HoldOut other = HoldOut.of(43, 0.1);
        for (long i = 0; i < 10_000; i++) {
            if (h.isHeldOut(i) && other.isHeldOut(i)) {
                same++;
            }
        }
        assertThat(same).as("another seed holds out other rows").isLessThan(200);
        assertThat(HoldOut.NONE.isHeldOut(0)).isFalse();
        assertThat(HoldOut.of(1, 0).isActive()).isFalse();
    }
}
