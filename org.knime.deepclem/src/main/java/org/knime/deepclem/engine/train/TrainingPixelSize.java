package org.knime.deepclem.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.deepclem.engine.io.PixelSize;

/**
 * The EM pixel size a model is trained at, read from its training images: a model records one pixel size
 * ({@code deepclem.json emPixelSizeUm}), so every calibrated training EM must show the same one, to within
 * {@value #TOLERANCE_PERCENT} %. Used by {@code deepclem train} and the CLEM Network Learner node.
 */
public final class TrainingPixelSize {

    /** How far (in %) two training images' pixel sizes may differ and still count as one size. */
    public static final double TOLERANCE_PERCENT = 1;

    /** At most this many images are named per size in a message. */
    private static final int NAMED = 5;

    private TrainingPixelSize() {
    }

    /**
     * The pixel size all training EM images share, or null when none of them is calibrated (nothing to record).
     *
     * @param sizes each image's pixel size by its name (file or row), in training order; null: uncalibrated
     * @param option how the user sets the size, named in the message (e.g. {@code --em-pixel-size})
     * @return the mean of the images' sizes (they differ by at most {@value #TOLERANCE_PERCENT} %)
     * @throws IllegalArgumentException naming the images and their sizes when the sizes differ by more than
     *             {@value #TOLERANCE_PERCENT} %, or when some images are calibrated and others are not
     */
    public static PixelSize agreed(final Map<String, PixelSize> sizes, final String option) {
        List<PixelSize> known = sizes.values().stream().filter(s -> s != null).toList();
        if (known.isEmpty()) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY, max = 0, sx = 0, sy = 0;
        for (PixelSize s : known) {
            min = Math.min(min, s.mean());
            max = Math.max(max, s.mean());
            sx += s.x();
            sy += s.y();
        }
        boolean agree = max <= min * (1 + TOLERANCE_PERCENT / 100);
        if (agree && known.size() == sizes.size()) {
            return new PixelSize(sx / known.size(), sy / known.size());
        }
        String problem = !agree
            ? "the training EM images have different pixel sizes (more than " + fmt(TOLERANCE_PERCENT) + " % apart)"
            : "only some training EM images have a pixel size";
        throw new IllegalArgumentException(problem + ": " + listing(sizes) + ". A model records one training pixel "
            + "size: give it with " + option + " (e.g. 5nm; then the images' own calibration is not used), after "
            + "resampling the images that differ to it" + (agree ? "" : " or leaving them out") + ".");
    }

    /** "5 nm: s1, s2; 10 nm: s3; none: s4", sizes in the order first seen, at most {@value #NAMED} names each. */
    private static String listing(final Map<String, PixelSize> sizes) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        sizes.forEach((name, s) -> byLabel.computeIfAbsent(s == null ? "none" : s.toString(), k -> new ArrayList<>())
            .add(name));
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, names) -> {
            String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
            parts.add(label + ": " + shown + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : ""));
        });
        return String.join("; ", parts);
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) ? Long.toString((long)v) : Double.toString(v);
    }
}
