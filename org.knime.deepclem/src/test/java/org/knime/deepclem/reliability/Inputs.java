package org.knime.deepclem.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.preprocess.Resample;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.Warp;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Synthetic inputs and file fingerprints for the reliability tests. */
public final class Inputs {

    private Inputs() {
    }

    /** The example EM at {@code scale} (8-bit values as float). */
    public static ArrayImg<FloatType, FloatArray> em(double scale) throws IOException {
        var em = ImageFiles.read(RepoData.file("example/EM.png")).select(ChannelSelection.AUTO);
        return scale == 1 ? em : Resample.scale(em, scale);
    }

    /**
     * Writes an EM (8-bit PNG) and an "LM chromatin" (8-bit PNG) that is {@code model}'s virtual chromatin of that EM,
     * stretched to 0..255 and moved by a similarity ({@code lmToEm} maps LM px to EM px). Whatever the model, the
     * pair then registers, and the known transform is the answer.
     */
    public static void writePair(ArrayImg<FloatType, FloatArray> em, Affine2D lmToEm, Path emFile, Path lmFile,
        org.knime.deepclem.engine.predict.VirtualChromatinModel model) throws IOException {
        int w = (int) em.dimension(0), h = (int) em.dimension(1);
        ImageFiles.write(LoadedImage.ofPlane(emFile, em, SampleType.UINT8), emFile, false);
        float[] vc = Planes.data(model.predict(em));
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : vc) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (int i = 0; i < vc.length; i++) {
            vc[i] = hi > lo ? 255 * (vc[i] - lo) / (hi - lo) : 0;
        }
        // the LM pixel p shows the EM frame at lmToEm(p): warp with the inverse map
        var lm = Warp.warp(Planes.wrap(vc, w, h), lmToEm.inverse(), w, h, Interpolation.LINEAR, 0f);
        ImageFiles.write(LoadedImage.ofPlane(lmFile, lm, SampleType.UINT8), lmFile, false);
    }

    /** A constant plane. */
    public static ArrayImg<FloatType, FloatArray> constant(int w, int h, float v) {
        float[] a = new float[w * h];
        java.util.Arrays.fill(a, v);
        return Planes.wrap(a, w, h);
    }

    /** SHA-256 of every regular file under {@code dir} (relative path -> hex). */
    public static Map<String, String> fingerprints(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                m.put(dir.relativize(p).toString(), sha256(p));
            }
        }
        return m;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file below {@code dir}, relative, sorted (empty when dir does not exist). */
    public static List<String> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
