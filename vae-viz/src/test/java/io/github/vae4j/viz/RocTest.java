package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void smallExampleByHand() {
        // positives 0.35 and 0.8, negatives 0.1 and 0.4: of the 4 (positive, negative) pairs the positive scores
        // higher in 3 -> 0.75
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] positive = {false, false, true, true};
        RocCurve roc = Roc.curve(scores, positive);
        assertThat(roc.auc()).isCloseTo(0.75, within(1e-12));
        assertThat(roc.falsePositiveRates()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.truePositiveRates()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(roc.positives()).isEqualTo(2);
        assertThat(roc.negatives()).isEqualTo(2);
    }

    @Test
    void tiesCountOneHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.5}: 0.9 beats both (2), 0.5 ties both (2 x 1/2) -> 3/4
        assertThat(Roc.auroc(new double[] {0.5, 0.5, 0.5, 0.9}, new boolean[] {true, false, false, true}))
                .isCloseTo(0.75, within(1e-12));
        // positives {1, 2}, negatives {1, 2}: (1,1) 1/2, (1,2) 0, (2,1) 1, (2,2) 1/2 -> 2/4
        assertThat(Roc.auroc(new double[] {1, 1, 2, 2}, new boolean[] {false, true, false, true}))
                .isCloseTo(0.5, within(1e-12));
        // all scores equal: one diagonal segment
        RocCurve flat = Roc.curve(new double[] {3, 3, 3}, new boolean[] {true, false, false});
        assertThat(flat.auc()).isCloseTo(0.5, within(1e-12));
        assertThat(flat.falsePositiveRates()).containsExactly(0, 1);
        // positives {3, 2, 2}, negatives {2, 1}: 3 beats 2 (1, 1 -> 2); each 2 ties 2 (1/2) and beats 1 (1) -> 3;
        // 5 of 6
        assertThat(Roc.auroc(new double[] {3, 2, 2, 2, 1}, new boolean[] {true, true, true, false, false}))
                .isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void perfectAndReversedScores() {
        assertThat(Roc.auroc(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(Roc.auroc(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, false})).isEqualTo(0.0);
    }

    @Test
    void agreesWithCountingPairs() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(60);
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(8);
                positive[i] = i < 1 || (i > 1 && random.nextBoolean());
            }
            double pairs = 0;
            double wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (positive[i] && !positive[j]) {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(Roc.auroc(scores, positive)).isCloseTo(wins / pairs, within(1e-12));
        }
    }

    @Test
    void infiniteScoresSortAsTheExtremes() {
        double inf = Double.POSITIVE_INFINITY;
        RocCurve curve = Roc.curve(new double[] {inf, 3, -inf, inf}, new boolean[] {true, false, false, true});
        assertThat(curve.auc()).isEqualTo(1.0);
        assertThat(curve.truePositiveRates()).containsExactly(0, 1, 1, 1);
        assertThat(curve.falsePositiveRates()).containsExactly(0, 0, 0.5, 1);
        assertThat(Roc.auroc(new double[] {inf, 3}, new boolean[] {false, true})).isEqualTo(0.0);
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> Roc.curve(new double[0], new boolean[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores is empty");
        assertThatThrownBy(() -> Roc.curve(new double[3], new boolean[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores has 3 values but positives has 2");
        assertThatThrownBy(() -> Roc.curve(new double[] {1, Double.NaN}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1] is NaN");
        assertThatThrownBy(() -> Roc.curve(new double[] {1, 2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no negative examples");
        assertThatThrownBy(() -> Roc.curve(new double[] {1, 2}, new boolean[] {false, false}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no positive examples");
        assertThatThrownBy(() -> Roc.curve(null, new boolean[] {false})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores is null");
    }
}
