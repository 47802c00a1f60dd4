package org.knime.deepclem.engine.registration;

import java.util.Locale;

import org.knime.deepclem.engine.geometry.Affine2D;

import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Registers the moving image as it is and mirrored left-right, for sections that the light and the electron
 * microscope see from opposite sides (an inverted microscope, a grid placed upside down): no similarity can map those
 * onto each other. The mirrored image is a view ({@link Views#invertAxis} plus a translation back onto the image's
 * own interval), never a copy. The flip is composed into the mirrored result's transform, so a mirrored answer has a
 * negative determinant ({@link Affine2D#mirrored()}) and maps the original moving px to fixed px like any other.
 * <p>
 * The two attempts are ranked like the poses of one search ({@link PoseSearch#rank}: NCC over the final overlap
 * weighted by the overlap): an ok result beats a failed one, and the other handedness's score counts as a rival pose,
 * so a pair that looks alike both ways (a symmetric arrangement, too few nuclei) gets a small margin and fails the
 * same margin check ({@link QualityGate#MIN_MARGIN}) as an ambiguous pose of one handedness.
 */
public final class MirrorSearch implements Registration {

    private final Registration inner;

    /** @param inner the registration run on each handedness */
    public MirrorSearch(Registration inner) {
        this.inner = inner;
    }

    /** A flip leaves the scale as it is: both handednesses search the prior's band. */
    @Override
    public Registration withScalePrior(ScalePrior prior) {
        return new MirrorSearch(inner.withScalePrior(prior));
    }

    /** The left-right flip of an image's own interval onto itself: x -> (min + max) - x. */
    public static Affine2D flipX(Interval image) {
        return new Affine2D(-1, 0, image.min(0) + image.max(0), 0, 1, 0);
    }

    /** The image mirrored left-right ({@link #flipX}), as a view over the same interval. */
    public static RandomAccessibleInterval<FloatType> mirroredView(RandomAccessibleInterval<FloatType> image) {
        return Views.translate(Views.invertAxis(image, 0), image.min(0) + image.max(0), 0);
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed,
        RandomAccessibleInterval<FloatType> moving, TransformModel model, StageClock clock) {
        RegistrationResult asIs = inner.register(fixed, moving, model, clock);
        RegistrationResult flipped = inner.register(fixed, mirroredView(moving), model, clock);
        Affine2D t = flipped.movingToFixed();
        RegistrationResult mirrored = new RegistrationResult(t == null ? null : t.after(flipX(moving)),
            flipped.model(), flipped.method(), flipped.quality(), flipped.verdict(), flipped.reason());
        return decide(asIs, mirrored);
    }

    /** The better of the two handednesses, its margin lowered to how far it out-scores the other one. */
    static RegistrationResult decide(RegistrationResult asIs, RegistrationResult mirrored) {
        boolean mirroredWins = mirrored.ok() != asIs.ok() ? mirrored.ok() : rank(mirrored) > rank(asIs);
        RegistrationResult win = mirroredWins ? mirrored : asIs, other = mirroredWins ? asIs : mirrored;
        String winName = mirroredWins ? "the LM mirrored" : "the LM as it is";
        String otherName = mirroredWins ? "as it is" : "mirrored";
        if (!win.ok()) {
            return RegistrationResult.failed(win.model(), win.method(), win.movingToFixed(), win.quality(),
                "as it is: " + asIs.reason() + "; mirrored: " + mirrored.reason());
        }
        if (Double.isNaN(quality(other).ncc())) {
            return win; // the other handedness found no pose at all: no rival
        }
        double byHandedness = rank(win) - rank(other);
        Quality q = quality(win);
        double margin = Double.isNaN(q.margin()) ? byHandedness : Math.min(q.margin(), byHandedness);
        Quality withRival = new Quality(q.inliers(), q.inlierRatio(), q.residualPx(), q.ncc(), q.overlap(), margin);
        if (byHandedness < QualityGate.MIN_MARGIN) {
            return RegistrationResult.failed(win.model(), win.method(), win.movingToFixed(), withRival,
                String.format(Locale.ROOT, "ambiguous: the LM %s scores almost as well as %s (margin %.3f, need %.2f)",
                    otherName, winName, byHandedness, QualityGate.MIN_MARGIN));
        }
        return new RegistrationResult(win.movingToFixed(), win.model(), win.method(), withRival, win.verdict(),
            win.reason());
    }

    private static double rank(RegistrationResult r) {
        return PoseSearch.rank(quality(r).ncc(), quality(r).overlap());
    }

    private static Quality quality(RegistrationResult r) {
        return r.quality() == null ? Quality.NONE : r.quality();
    }
}
