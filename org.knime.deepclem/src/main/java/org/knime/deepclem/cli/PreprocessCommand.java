package org.knime.deepclem.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.preprocess.EmPreprocessing;
import org.knime.deepclem.engine.preprocess.EmPreprocessing.Equalize;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deepclem preprocess}: prepares an EM image as the network expects it. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    description = {"Prepares an EM image for virtual-chromatin prediction: histogram equalisation, optional percentile "
        + "normalisation, inversion and rescaling, in that order.",
        "The output keeps the input's bit depth (rounded), except after --normalize, which writes 32-bit float TIFF."},
    sortOptions = false)
public final class PreprocessCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "EM image (PNG or TIFF)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output image (.tif or .png)")
    Path output;

    @Option(names = "--equalize", paramLabel = "METHOD", defaultValue = "imagej",
        description = "imagej (as DeepCLEM), standard, clahe or none (default: ${DEFAULT-VALUE})")
    String equalize;

    @Option(names = "--clahe", paramLabel = "BLOCK,BINS,SLOPE", split = ",",
        description = "CLAHE block size, histogram bins and maximum slope (default: 127,256,3)")
    double[] clahe;

    @Option(names = "--normalize", paramLabel = "LOW,HIGH", split = ",",
        description = "map these percentiles to 0 and 1, e.g. 0.5,99.8 (CSBDeep style)")
    double[] normalize;

    @Option(names = "--clip", description = "with --normalize: limit values to [0, 1]")
    boolean clip;

    @Option(names = "--invert", description = "invert intensities (dark becomes bright)")
    boolean invert;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Scaling scaling;

    static final class Scaling {
        @Option(names = "--scale", paramLabel = "F", description = "resize factor, e.g. 0.5 halves the size")
        Double scale;

        @ArgGroup(exclusive = false)
        PixelSizes pixelSizes;
    }

    static final class PixelSizes {
        @Option(names = "--pixel-size", required = true, paramLabel = "NM", description = "input pixel size (nm)")
        double pixelSize;

        @Option(names = "--target-pixel-size", required = true, paramLabel = "NM", description = "wanted pixel size (nm)")
        double targetPixelSize;
    }

    @Option(names = "--channel", paramLabel = "CH", defaultValue = "auto",
        description = "channel of a colour input: auto, red, green, blue, luminance, max, an index or a channel "
            + "name from the file (default: auto)")
    String channel;

    @Option(names = "--bit-depth", paramLabel = "BITS", description = "output bit depth 8, 16 or 32 (default: as input, "
        + "32 after --normalize)")
    String bitDepth;

    @Option(names = "--overwrite", description = "replace OUT if it exists")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        EmPreprocessing settings = settings();
        ChannelSelection sel = ChannelSelection.parseWithNames(channel);
        SampleType forced = bitDepth == null ? null : SampleType.parse(bitDepth);
        // refuse before any work: existing output, unwritable format
        AtomicFiles.refuseExisting(output, overwrite);
        boolean png = output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png");
        if (png && (forced == SampleType.FLOAT32 || (forced == null && settings.normalize()))) {
            throw new IllegalArgumentException("output " + output + ": normalised values need 32-bit float; "
                + "write a .tif or give --bit-depth 8 or 16");
        }

        LoadedImage in = ImageFiles.read(input);
        ArrayImg<FloatType, FloatArray> plane = in.select(sel);
        ArrayImg<FloatType, FloatArray> out = settings.apply(plane, in.sampleType().bits());
        SampleType type = forced != null ? forced : settings.normalize() ? SampleType.FLOAT32 : in.sampleType();
        ImageFiles.write(LoadedImage.ofPlane(output, out, type), output, overwrite);
        System.out.println("wrote " + output + " (" + out.dimension(0) + "x" + out.dimension(1) + ", "
            + (type == SampleType.FLOAT32 ? "32-bit float" : type.bits() + "-bit") + ")");
        return ExitCode.OK;
    }

    EmPreprocessing settings() {
        EmPreprocessing s = EmPreprocessing.DEEPCLEM.withEqualize(Equalize.fromId(equalize)).withInvert(invert);
        if (clahe != null) {
            if (clahe.length != 3) {
                throw new IllegalArgumentException("--clahe needs BLOCK,BINS,SLOPE, e.g. 127,256,3");
            }
            s = s.withClahe((int) clahe[0], (int) clahe[1], clahe[2]);
        }
        if (normalize != null) {
            if (normalize.length != 2) {
                throw new IllegalArgumentException("--normalize needs LOW,HIGH percentiles, e.g. 0.5,99.8");
            }
            s = s.withNormalization(true, normalize[0], normalize[1], clip);
        } else if (clip) {
            throw new IllegalArgumentException("--clip only applies with --normalize");
        }
        if (scaling != null && scaling.scale != null) {
            s = s.withScale(scaling.scale);
        } else if (scaling != null && scaling.pixelSizes != null) {
            s = s.withPixelSizes(scaling.pixelSizes.pixelSize, scaling.pixelSizes.targetPixelSize);
        }
        return s;
    }
}
