package org.knime.deepclem.engine.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.knime.deepclem.engine.preprocess.Intensity;

/**
 * Cuts training and validation patches from working-scale image pairs (input normalised, target normalised).
 * Validation patches are whole square blocks of a per-image grid, chosen once from the seed, half of them among the
 * blocks with most chromatin; training patches never overlap a validation block, so validation loss is measured on
 * pixels the network never saw. Half of the training patches are centred on chromatin pixels (above the 90th
 * percentile of the target), because nuclei cover a small part of the field and the network must learn them.
 * Training patches get random 90-degree rotations, flips, and a gain/bias jitter of the input.
 */
final class PatchSampler {

    /** One working-scale image pair (row-major planes). */
    record Plane(String name, float[] input, float[] target, int width, int height) {
    }

    private record Block(int image, int x, int y, double chromatin) {
    }

    private final List<Plane> planes;
    private final int patch;
    private final Random rnd;
    private final List<Block> validation = new ArrayList<>();
    private final List<int[]> chromatinPixels = new ArrayList<>();
    private final List<int[]> freePositions = new ArrayList<>();

    PatchSampler(List<Plane> planes, int patch, double valFraction, long seed) {
        this.planes = planes;
        this.patch = patch;
        this.rnd = new Random(seed);
        for (Plane p : planes) {
            if (p.width < patch || p.height < patch) {
                throw new IllegalArgumentException("training image " + p.name + " is " + p.width + "x" + p.height
                    + " at the working scale, smaller than the " + patch + " px patch: use a smaller --patch or a "
                    + "larger --scale");
            }
            chromatinPixels.add(brightPixels(p.target, 90));
            freePositions.add(null);
        }
        chooseValidation(valFraction);
    }

    /** The number of validation patches. */
    int validationCount() {
        return validation.size();
    }

    /** Fills {@code x} and {@code y} (n patches, row-major, n*patch*patch) with validation patches from {@code from}. */
    int validationBatch(int from, int n, float[] x, float[] y) {
        int count = Math.min(n, validation.size() - from);
        for (int i = 0; i < count; i++) {
            Block b = validation.get(from + i);
            copy(planes.get(b.image), b.x, b.y, 0, false, false, 1, 0, x, y, i * patch * patch);
        }
        return count;
    }

    /** Fills {@code x}, {@code y} with {@code n} augmented training patches. */
    void trainingBatch(int n, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            int img = rnd.nextInt(planes.size());
            Plane p = planes.get(img);
            int[] pos = position(img, p, i % 2 == 0);
            int rot = rnd.nextInt(4);
            boolean fx = rnd.nextBoolean(), fy = rnd.nextBoolean();
            float gain = 0.8f + 0.4f * rnd.nextFloat();
            float bias = -0.1f + 0.2f * rnd.nextFloat();
            copy(p, pos[0], pos[1], rot, fx, fy, gain, bias, x, y, i * patch * patch);
        }
    }

    private int[] position(int img, Plane p, boolean onChromatin) {
        int[] bright = chromatinPixels.get(img);
        if (onChromatin && bright.length > 0) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int idx = bright[rnd.nextInt(bright.length)];
                int px = clamp(idx % p.width - patch / 2, p.width - patch);
                int py = clamp(idx / p.width - patch / 2, p.height - patch);
                if (!overlapsValidation(img, px, py)) {
                    return new int[] {px, py};
                }
            }
        }
        int[] free = freePositions(img);
        int pos = free[rnd.nextInt(free.length)];
        return new int[] {pos % p.width, pos / p.width};
    }

    /** Top-left corners (y * width + x) of all patches that avoid the validation blocks; computed once. */
    private int[] freePositions(int img) {
        int[] f = freePositions.get(img);
        if (f == null) {
            Plane p = planes.get(img);
            java.util.stream.IntStream.Builder b = java.util.stream.IntStream.builder();
            for (int y = 0; y <= p.height - patch; y++) {
                for (int x = 0; x <= p.width - patch; x++) {
                    if (!overlapsValidation(img, x, y)) {
                        b.add(y * p.width + x);
                    }
                }
            }
            f = b.build().toArray();
            freePositions.set(img, f);
        }
        return f;
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    private boolean overlapsValidation(int img, int px, int py) {
        for (Block b : validation) {
            if (b.image == img && px < b.x + patch && b.x < px + patch && py < b.y + patch && b.y < py + patch) {
                return true;
            }
        }
        return false;
    }

    private void chooseValidation(double fraction) {
        if (fraction <= 0) {
            return;
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < planes.size(); i++) {
            Plane p = planes.get(i);
            for (int by = 0; by + patch <= p.height; by += patch) {
                for (int bx = 0; bx + patch <= p.width; bx += patch) {
                    blocks.add(new Block(i, bx, by, mean(p, bx, by)));
                }
            }
        }
        int n = Math.max(1, (int) Math.round(fraction * blocks.size()));
        if (n >= blocks.size()) {
            throw new IllegalArgumentException("validation fraction " + fraction + " leaves no training data");
        }
        blocks.sort(Comparator.comparingDouble(Block::chromatin).reversed());
        // half among the third of blocks with most chromatin, the rest from all others
        int rich = Math.max(1, blocks.size() / 3);
        List<Block> top = new ArrayList<>(blocks.subList(0, rich));
        List<Block> rest = new ArrayList<>(blocks.subList(rich, blocks.size()));
        java.util.Collections.shuffle(top, rnd);
        java.util.Collections.shuffle(rest, rnd);
        int fromTop = Math.min(top.size(), (n + 1) / 2);
        addWhileTrainable(top, fromTop);
        addWhileTrainable(rest, n - validation.size());
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("images too small to hold out a " + patch + " px validation block and "
                + "still train; use --val-fraction 0 or a smaller --patch");
        }
    }

    /** Adds up to {@code n} candidates, skipping any that would leave its image without a training position. */
    private void addWhileTrainable(List<Block> candidates, int n) {
        int added = 0;
        for (Block b : candidates) {
            if (added >= n) {
                return;
            }
            validation.add(b);
            if (hasFreePosition(b.image)) {
                added++;
            } else {
                validation.remove(validation.size() - 1);
            }
        }
    }

    private boolean hasFreePosition(int img) {
        Plane p = planes.get(img);
        for (int y = 0; y <= p.height - patch; y++) {
            for (int x = 0; x <= p.width - patch; x++) {
                if (!overlapsValidation(img, x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private double mean(Plane p, int bx, int by) {
        double s = 0;
        for (int y = by; y < by + patch; y++) {
            for (int x = bx; x < bx + patch; x++) {
                s += p.target[y * p.width + x];
            }
        }
        return s / (patch * patch);
    }

    /** Indices of the pixels above the given percentile. */
    private static int[] brightPixels(float[] t, double percentile) {
        float thr = Intensity.nearestRankPercentile(t, percentile);
        int count = 0;
        for (float v : t) {
            count += v > thr ? 1 : 0;
        }
        int[] idx = new int[count];
        int k = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] > thr) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /** Copies one patch with rotation (quarter turns), flips and an input gain/bias into the batch arrays. */
    private void copy(Plane p, int px, int py, int rot, boolean fx, boolean fy, float gain, float bias, float[] x,
        float[] y, int offset) {
        int n = patch;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int si = fx ? n - 1 - i : i, sj = fy ? n - 1 - j : j;
                int ri, rj; // rotate (si, sj) by rot quarter turns within the square patch
                switch (rot) {
                    case 1 -> { ri = n - 1 - sj; rj = si; }
                    case 2 -> { ri = n - 1 - si; rj = n - 1 - sj; }
                    case 3 -> { ri = sj; rj = n - 1 - si; }
                    default -> { ri = si; rj = sj; }
                }
                int src = (py + rj) * p.width + px + ri;
                x[offset + j * n + i] = p.input[src] * gain + bias;
                y[offset + j * n + i] = p.target[src];
            }
        }
    }
}
