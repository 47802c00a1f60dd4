package org.knime.deepclem.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A registered EM / chromatin pair: same size, same frame.
 *
 * @param name the pair's name (file name without extension, e.g. "s6")
 * @param em the EM plane
 * @param chromatin the chromatin plane
 */
public record TrainingPair(String name, RandomAccessibleInterval<? extends RealType<?>> em,
    RandomAccessibleInterval<? extends RealType<?>> chromatin) {

    /** Checks that both planes are 2-D and of the same size. */
    public TrainingPair {
        if (em.numDimensions() != 2 || chromatin.numDimensions() != 2 || em.dimension(0) != chromatin.dimension(0)
            || em.dimension(1) != chromatin.dimension(1)) {
            throw new IllegalArgumentException("training pair " + name + ": EM and chromatin must be 2-D images of the "
                + "same size (registered), got " + dims(em) + " and " + dims(chromatin));
        }
    }

    private static String dims(RandomAccessibleInterval<?> i) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < i.numDimensions(); d++) {
            b.append(d == 0 ? "" : "x").append(i.dimension(d));
        }
        return b.toString();
    }

    /**
     * Pairs the images of two folders by file name (e.g. em/s6.png with chromatin/s6.png), leaving out the names in
     * {@code exclude}. EM colour images are read as luminance ({@link ChannelSelection#AUTO}); the chromatin plane is
     * the one {@code chromatinChannel} selects (e.g. {@link ChannelSelection#MAX} for a stain in green + blue).
     */
    public static List<TrainingPair> readFolders(Path emDir, Path chromatinDir, Set<String> exclude,
        ChannelSelection chromatinChannel) throws IOException {
        List<Path> ems = emFiles(emDir, exclude);
        if (!Files.isDirectory(chromatinDir)) {
            throw new IOException(chromatinDir + ": chromatin folder does not exist");
        }
        List<TrainingPair> pairs = new ArrayList<>();
        for (Path em : ems) {
            String file = em.getFileName().toString();
            String name = name(em);
            Path chrom = chromatinDir.resolve(file);
            if (!Files.isRegularFile(chrom)) {
                throw new IOException(chrom + ": no chromatin image for EM " + em + " (pairs are matched by file name)");
            }
            pairs.add(new TrainingPair(name, ImageFiles.read(em).select(ChannelSelection.AUTO),
                ImageFiles.read(chrom).select(chromatinChannel)));
        }
        if (pairs.isEmpty()) {
            throw new IOException(emDir + ": no EM images (png/tif) left to train on" + (exclude.isEmpty() ? ""
                : " after excluding " + exclude));
        }
        return pairs;
    }

    /**
     * The EM images {@link #readFolders} trains on, in its order: the image files of {@code emDir} (png, tif, jpg)
     * by name, without the names (file name without extension) in {@code exclude}.
     */
    public static List<Path> emFiles(Path emDir, Set<String> exclude) throws IOException {
        if (!Files.isDirectory(emDir)) {
            throw new IOException(emDir + ": EM folder does not exist");
        }
        try (Stream<Path> s = Files.list(emDir)) {
            return s.filter(p -> p.getFileName().toString().matches("(?i).*\\.(png|tif|tiff|jpg|jpeg)")).sorted()
                .filter(p -> !exclude.contains(name(p))).toList();
        }
    }

    /** A training image's pair name: its file name without the extension. */
    public static String name(Path image) {
        String file = image.getFileName().toString();
        return file.substring(0, file.lastIndexOf('.'));
    }
}
