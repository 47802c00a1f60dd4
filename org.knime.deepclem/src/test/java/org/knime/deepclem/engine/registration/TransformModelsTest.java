package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

/** Each transform model recovers a transform of its own family (moving made by warping a crop of s7). */
class TransformModelsTest {

    /** The true moving -> fixed transform: its linear part, placed so the moving centre lands near the fixed centre. */
    private static Affine2D truthFor(TransformModel model, int mw, int mh, int fw, int fh) {
        Affine2D linear = switch (model) {
            case TRANSLATION -> Affine2D.IDENTITY;
            case RIGID -> Affine2D.similarity(1, Math.toRadians(37), 0, 0);
            case SIMILARITY -> Affine2D.similarity(1.3, Math.toRadians(-121), 0, 0);
            case AFFINE -> new Affine2D(1.12, 0.08, 0, -0.05, 0.93, 0);
        };
        double cx = mw / 2.0, cy = mh / 2.0;
        return Affine2D.translation(fw / 2.0 + 23.4 - linear.applyX(cx, cy), fh / 2.0 - 17.6 - linear.applyY(cx, cy))
            .after(linear);
    }

    @ParameterizedTest
    @EnumSource(TransformModel.class)
    void bothMethodsRecoverTheirModel(TransformModel model) throws IOException {
        SyntheticPairs.Source s7 = AccuracyRun.sources(AccuracyRun.repoRoot()).get(1);
        // fixed: a 800x600 crop; moving: the whole image seen through truth^-1 (moving -> fixed = truth)
        int fw = 800, fh = 600, ox = 200, oy = 150;
        float[] fixed = new float[fw * fh];
        for (int y = 0; y < fh; y++) {
            System.arraycopy(s7.px(), (y + oy) * s7.width() + ox, fixed, y * fw, fw);
        }
        int mw = 1200, mh = 1100;
        Affine2D truth = truthFor(model, mw, mh, fw, fh);
        Affine2D sourceToMoving = truth.inverse().after(Affine2D.translation(-ox, -oy));
        var moving = Warp.warp(Planes.wrap(s7.px(), s7.width(), s7.height()), sourceToMoving, mw, mh,
            Interpolation.LINEAR, 0f);
        for (Registration reg : new Registration[] {new FeatureRegistration(), new CorrelationRegistration()}) {
            RegistrationResult r = reg.register(Planes.wrap(fixed, fw, fh), moving, model);
            double err = r.movingToFixed() == null ? Double.POSITIVE_INFINITY
                : r.movingToFixed().after(truth.inverse()).rmsDistance(Affine2D.IDENTITY, fw, fh, 16);
            assertTrue(r.ok() && err < 0.5, model + " by " + r.method() + ": " + r.verdict() + " " + r.reason()
                + ", error " + err + " px, found " + r.movingToFixed());
        }
    }
}
