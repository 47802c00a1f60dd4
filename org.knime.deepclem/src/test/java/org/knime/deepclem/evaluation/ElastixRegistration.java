package org.knime.deepclem.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.registration.ElastixRunner;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.StageClock;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The engine's {@link ElastixRunner} (Debian's elastix: affine, Mattes mutual information, 4 levels) as a
 * {@link Registration}, for the side-by-side comparison. elastix has no failure check: every transform it returns is
 * reported ok (the figures show how often that is wrong); a non-zero exit or a timeout is reported as failed.
 */
public final class ElastixRegistration implements Registration {

    private final ElastixRunner runner;

    public ElastixRegistration(String executable) {
        this.runner = new ElastixRunner(executable);
    }

    public boolean available() {
        return runner.available();
    }

    @Override
    public RegistrationResult register(RandomAccessibleInterval<FloatType> fixed,
        RandomAccessibleInterval<FloatType> moving, TransformModel model, StageClock clock) {
        Path work = null;
        try {
            work = Files.createTempDirectory("deepclem-elastix");
            ElastixRunner.Outcome o = runner.register(Planes.asArray(fixed), (int) fixed.dimension(0),
                (int) fixed.dimension(1), Planes.asArray(moving), (int) moving.dimension(0), (int) moving.dimension(1),
                work);
            if (o.movingToFixed() == null) {
                return RegistrationResult.failed(TransformModel.AFFINE, "elastix", null, Quality.NONE, o.error());
            }
            return new RegistrationResult(o.movingToFixed(), TransformModel.AFFINE, "elastix", Quality.NONE,
                Verdict.OK, "");
        } catch (IOException | RuntimeException e) {
            return RegistrationResult.failed(TransformModel.AFFINE, "elastix", null, Quality.NONE,
                "elastix: " + e.getMessage());
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
