package org.knime.deepclem.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knime.deepclem.engine.registration.LandmarkFit;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.BigWarpLandmarks;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;

import picocli.CommandLine.Option;

/**
 * {@code --landmarks} and {@code --landmarks-only} of {@code register} and {@code align} (a picocli mixin): landmark
 * pairs placed by hand correct or replace the automatic registration ({@link LandmarkFit}).
 */
final class LandmarkOptions {

    @Option(names = "--landmarks", paramLabel = "CSV", description = "landmark pairs, LM (moving) px -> EM (fixed) "
        + "px: a BigWarp landmark file (File > Export landmarks) or a CSV with the header "
        + BigWarpLandmarks.PLAIN_HEADER + ". Combined with the automatic registration (each weighted by its expected "
        + "error), or used alone when the automatic one fails or with --landmarks-only")
    Path landmarks;

    @Option(names = "--landmarks-only", description = "fit the transform model to the --landmarks alone; no automatic "
        + "registration (and for register no prediction)")
    boolean landmarksOnly;

    /** Whether the automatic registration is skipped. */
    boolean only() {
        return landmarksOnly;
    }

    /**
     * The active landmark pairs, checked to determine {@code model} (a one-line IllegalArgumentException otherwise);
     * null without {@code --landmarks}.
     */
    List<double[]> read(TransformModel model) throws IOException {
        if (landmarks == null) {
            if (landmarksOnly) {
                throw new IllegalArgumentException("--landmarks-only needs --landmarks FILE.csv");
            }
            return null;
        }
        try {
            return read(landmarks, model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--landmarks " + e.getMessage(), e);
        }
    }

    /** The active landmark pairs of a file, checked to determine {@code model}; messages start with the file. */
    static List<double[]> read(Path file, TransformModel model) throws IOException {
        List<double[]> pairs = BigWarpLandmarks.readPairs(file);
        try {
            LandmarkFit.check(pairs, model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return pairs;
    }

    /**
     * The document to write: the automatic result alone (source "image") without landmarks, else the landmarks alone
     * or combined with it; prints the landmark figures and, when the automatic result failed, that the landmarks
     * were used alone.
     */
    static TransformDocument document(RegistrationResult auto, List<double[]> pairs, TransformModel model,
        ImageSize fixed, ImageSize moving) {
        if (pairs == null) {
            return new TransformDocument(auto, fixed, moving, LandmarkFit.SOURCE_IMAGE, null);
        }
        LandmarkFit.Outcome o = auto == null
            ? LandmarkFit.landmarksOnly(pairs, model, fixed.width(), fixed.height())
            : LandmarkFit.combine(auto, pairs, model, moving.width(), moving.height(), fixed.width(), fixed.height());
        if (!o.note().isEmpty()) {
            System.out.println(o.note());
        }
        System.out.println(LandmarkFit.summary(o.figures()));
        return new TransformDocument(o.result(), fixed, moving, o.source(), o.figures());
    }
}
