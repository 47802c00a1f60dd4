package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both registration methods on synthetic cases made from the hand-registered chromatin images (see
 * {@link SyntheticPairs}): any rotation, scale 0.7-2.4, a larger LM field, blur, noise, sometimes RGB (the chromatin
 * channel is picked as a user would name it). A case is recovered when the result is OK and its RMS error over the
 * fixed frame is below 1 px. The long run: {@code AccuracyRun 300}.
 */
class RegistrationAccuracyTest {

    private static final int CASES = 50;
    private static List<SyntheticPairs.Source> sources;

    @BeforeAll
    static void readImages() throws IOException {
        sources = AccuracyRun.sources(AccuracyRun.repoRoot());
    }

    @Test
    void featuresRecoverAtLeast98PercentWithinOnePixel() {
        AccuracyRun.Summary s = AccuracyRun.run("features", new FeatureRegistration(), sources, CASES, 1000, 0, System.out);
        System.out.println(s.line());
        assertTrue(s.rate() >= 0.98, s.line());
    }

    @Test
    void correlationRecoversAtLeast98PercentWithinOnePixel() {
        AccuracyRun.Summary s = AccuracyRun.run("correlation", new CorrelationRegistration(), sources, CASES, 1000, 0, System.out);
        System.out.println(s.line());
        assertTrue(s.rate() >= 0.98, s.line());
    }

    /**
     * Fixed image blurred with sigma 3-4 px, as the CNN's virtual chromatin. Reported for both methods; the correlation
     * method is expected to cope, so it is held to 90 %.
     */
    @Test
    void blurredFixedImage() {
        int n = 20;
        AccuracyRun.Summary c = AccuracyRun.run("correlation", new CorrelationRegistration(), sources, n, 2000, 3, System.out);
        AccuracyRun.Summary f = AccuracyRun.run("features", new FeatureRegistration(), sources, n, 2000, 3, System.out);
        System.out.println(c.line());
        System.out.println(f.line());
        assertTrue(c.rate() >= 0.9, c.line());
    }
}
