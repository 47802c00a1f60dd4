package org.knime.deepclem.reliability;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ImageFiles.TiffCompression;
import org.knime.deepclem.engine.io.ImageFiles;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.RepoData;
import org.knime.deepclem.engine.io.SampleType;
import org.knime.deepclem.engine.io.TestTiffs;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.TransformDocument.ImageSize;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.BigWarpLandmarks;
import org.knime.deepclem.engine.transform.ElastixParameters;
import org.knime.deepclem.engine.transform.NgffTransform;
import org.knime.deepclem.engine.transform.TransformFiles;
import org.knime.deepclem.engine.transform.TransformJson;
import org.knime.deepclem.engine.transform.TransformXml;

/**
 * A seeded mutation fuzzer for the file readers: {@link ImageFiles#read} (PNG / TIFF, BigTIFF, OME-TIFF, ImageJ
 * labels; TwelveMonkeys' TIFF reader) and {@link TransformFiles#read}
 * (JSON / XML). Each input is a valid seed file mutated by bit flips, byte overwrites, truncation, splicing with
 * another seed, block duplication or (for text) token replacement. Written by hand because Jazzer needs its agent and
 * native parts, which a plain offline surefire run does not offer; a seeded loop reproduces every finding from its
 * seed and iteration number.
 * <p>
 * Acceptable outcomes: the reader returns, or throws the documented exception (image reader: {@link IOException};
 * transform reader: {@link IOException} or {@link IllegalArgumentException}) with a non-empty one-line message naming
 * the file. Findings: any other exception or error (OutOfMemoryError and StackOverflowError included), a call over
 * {@value #TIMEOUT_S} s, or more than {@value #MAX_ALLOC_MB} MB allocated for one small input (a header that makes the
 * reader allocate for data it does not have).
 * <p>
 * Command line: {@code Fuzzer images|transforms|all SECONDS [SEED]} (see bench/fuzz.sh); exit code 1 when anything was
 * found; each finding's input is kept in {@code target/fuzz-findings/}.
 */
public final class Fuzzer {

    static final int TIMEOUT_S = 5;
    static final long MAX_ALLOC_MB = 512;

    /** What is fuzzed. */
    public enum Target {
        IMAGES, TRANSFORMS
    }

    /** The outcome of a run. */
    public record Report(Target target, long seed, int inputs, int accepted, int refused, List<String> findings) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s seed %d: %d inputs (%d read, %d refused cleanly), %d finding(s)%s",
                target.name().toLowerCase(Locale.ROOT), seed, inputs, accepted, refused, findings.size(),
                findings.isEmpty() ? "" : ":\n  " + String.join("\n  ", findings));
        }
    }

    private record Seed(String ext, byte[] bytes) {
    }

    private final Target target;
    private final long seed;
    private final Path work;
    private final Path findingsDir;
    private final List<Seed> seeds;

    public Fuzzer(Target target, long seed, Path work, Path findingsDir) throws IOException {
        this.target = target;
        this.seed = seed;
        this.work = Files.createDirectories(work);
        this.findingsDir = findingsDir;
        this.seeds = target == Target.IMAGES ? imageSeeds(work) : transformSeeds();
    }

    /** Fuzzes for about {@code millis} ms (at least one input per seed). */
    public Report run(long millis) throws IOException, InterruptedException {
        Random rnd = new Random(seed);
        long end = System.currentTimeMillis() + millis;
        int n = 0, accepted = 0, refused = 0;
        List<String> findings = new ArrayList<>();
        ExecutorService worker = newWorker();
        try {
            while (n < seeds.size() || System.currentTimeMillis() < end) {
                Seed s = seeds.get(n < seeds.size() ? n : rnd.nextInt(seeds.size()));
                byte[] input = n < seeds.size() ? s.bytes() : mutate(s, rnd);
                Path file = work.resolve("input-" + (n % 8) + s.ext());
                Files.write(file, input);
                String problem;
                Future<String> f = worker.submit(() -> readOnce(file));
                try {
                    problem = f.get(TIMEOUT_S, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(); // the stuck thread is a daemon and is abandoned
                    problem = "hang: no answer within " + TIMEOUT_S + " s";
                } catch (ExecutionException e) {
                    problem = "worker failed: " + e.getCause();
                }
                if (problem == null) {
                    accepted++;
                } else if (problem.isEmpty()) {
                    refused++;
                } else {
                    Path kept = keep(n, s.ext(), input);
                    findings.add("input " + n + " (" + kept + "): " + problem);
                    if (findings.size() >= 20) {
                        break;
                    }
                }
                n++;
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(target, seed, n, accepted, refused, findings);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** null: read fine; "": refused with an acceptable exception; else what is wrong. */
    private String readOnce(Path file) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        String outcome;
        try {
            if (target == Target.IMAGES) {
                LoadedImage img = ImageFiles.read(file);
                if (img.width() < 1 || img.height() < 1 || img.channels() < 1) {
                    return "read an empty image " + img.width() + "x" + img.height() + "x" + img.channels();
                }
            } else {
                TransformDocument d = TransformFiles.read(file);
                if (d.result().ok() && !d.result().movingToFixed().isFinite()) {
                    return "accepted a non-finite ok transform " + d.result().movingToFixed();
                }
            }
            outcome = null;
        } catch (IOException | IllegalArgumentException e) {
            outcome = checkMessage(e, file);
        } catch (Throwable e) { // anything else (errors included) is what we are looking for
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            return "undocumented " + e.getClass().getName() + ": " + e.getMessage() + " at " + at;
        }
        long mb = (mx.getCurrentThreadAllocatedBytes() - before) >> 20;
        if (mb > MAX_ALLOC_MB) {
            return "allocated " + mb + " MB for a " + size(file) + "-byte input";
        }
        return outcome;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String checkMessage(Exception e, Path file) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getName() + " without a message";
        }
        if (m.contains("\n")) {
            return "multi-line message: " + m;
        }
        if (!m.contains(file.getFileName().toString())) {
            return "message does not name the file: " + m;
        }
        return "";
    }

    private Path keep(int n, String ext, byte[] input) throws IOException {
        Files.createDirectories(findingsDir);
        return Files.write(findingsDir.resolve(target.name().toLowerCase(Locale.ROOT) + "-seed" + seed + "-" + n + ext),
            input);
    }

    // ---- mutation

    private byte[] mutate(Seed s, Random rnd) {
        byte[] b = s.bytes().clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            b = switch (rnd.nextInt(target == Target.TRANSFORMS ? 7 : 6)) {
                case 0 -> flipBits(b, rnd);
                case 1 -> overwrite(b, rnd);
                case 2 -> truncate(b, rnd);
                case 3 -> splice(b, sameKind(s, rnd).bytes(), rnd);
                case 4 -> duplicate(b, rnd);
                case 5 -> headerDamage(b, rnd);
                default -> replaceToken(b, rnd);
            };
        }
        return b;
    }

    private Seed sameKind(Seed s, Random rnd) {
        List<Seed> same = seeds.stream().filter(x -> x.ext().equals(s.ext())).toList();
        return same.get(rnd.nextInt(same.size()));
    }

    private static byte[] flipBits(byte[] b, Random rnd) {
        if (b.length == 0) {
            return b;
        }
        for (int i = 1 + rnd.nextInt(8); i > 0; i--) {
            int p = rnd.nextInt(b.length);
            b[p] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    private static final int[] INTERESTING = {0, 0xff, 0x7f, 0x80, 0x01, 0xfe, 0x40};

    private static byte[] overwrite(byte[] b, Random rnd) {
        if (b.length == 0) {
            return b;
        }
        int p = rnd.nextInt(b.length);
        int len = Math.min(b.length - p, 1 + rnd.nextInt(4));
        for (int i = 0; i < len; i++) {
            b[p + i] = (byte) (rnd.nextBoolean() ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt());
        }
        return b;
    }

    /** Damage within the first 200 bytes, where headers (sizes, offsets, counts) live. */
    private static byte[] headerDamage(byte[] b, Random rnd) {
        if (b.length < 4) {
            return b;
        }
        int p = rnd.nextInt(Math.min(b.length - 3, 200));
        int v = rnd.nextBoolean() ? rnd.nextInt() : (rnd.nextBoolean() ? 0x7fffffff : 0xffff);
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) (v >>> (8 * (rnd.nextBoolean() ? i : 3 - i)));
        }
        return b;
    }

    private static byte[] truncate(byte[] b, Random rnd) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length));
    }

    private static byte[] splice(byte[] a, byte[] c, Random rnd) {
        int pa = a.length == 0 ? 0 : rnd.nextInt(a.length), pc = c.length == 0 ? 0 : rnd.nextInt(c.length);
        byte[] out = java.util.Arrays.copyOf(a, pa + c.length - pc);
        System.arraycopy(c, pc, out, pa, c.length - pc);
        return out;
    }

    private static byte[] duplicate(byte[] b, Random rnd) {
        if (b.length == 0 || b.length > 1 << 20) {
            return b;
        }
        int p = rnd.nextInt(b.length), len = Math.min(b.length - p, 1 + rnd.nextInt(64));
        int at = rnd.nextInt(b.length + 1);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, p, out, at, len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
    }

    private static final String[] TOKENS = {"1e309", "-1e309", "NaN", "Infinity", "-0", "0", "1e-320", "null", "true",
        "\"\"", "[]", "{}", "[[[[[[[[", "]]]]", "99999999999999999999", "2147483648", "-1", "&amp;", "<!--", "<a>",
        "\u00e9", "\\u0000", "\"verdict\"", "data=\"\"", "class=\"x\"", "<iict_transform class=\"mpicbg.trakem2."
            + "transform.AffineModel2D\" data=\"1 0 0 1 0 0\"/>", "<ict_transform_list>"};

    /** Replaces a run of the text with a hostile token (numbers, brackets, markup). */
    private static byte[] replaceToken(byte[] b, Random rnd) {
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            return b;
        }
        int p = rnd.nextInt(s.length()), len = Math.min(s.length() - p, rnd.nextInt(12));
        String t = TOKENS[rnd.nextInt(TOKENS.length)];
        if (rnd.nextInt(10) == 0) {
            t = t.repeat(1 + rnd.nextInt(2000)); // deep nesting, long lists
        }
        return (s.substring(0, p) + t + s.substring(p + len)).getBytes(StandardCharsets.UTF_8);
    }

    // ---- seeds

    /** Small valid files of every kind the reader supports. */
    static List<Seed> imageSeeds(Path work) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        int w = 48, h = 36;
        float[] ramp = new float[w * h];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i * 37) % 256;
        }
        float[] wide = ramp.clone();
        for (int i = 0; i < wide.length; i++) {
            wide[i] = wide[i] * 250 + 3;
        }
        LoadedImage gray8 = LoadedImage.ofChannels(null, SampleType.UINT8, false, w, h, ramp);
        LoadedImage gray16 = LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, wide);
        LoadedImage flt = LoadedImage.ofChannels(null, SampleType.FLOAT32, false, w, h, ramp);
        LoadedImage rgb = LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, ramp, wide.clone(), ramp);
        float[] alpha = new float[w * h];
        java.util.Arrays.fill(alpha, 200);
        LoadedImage rgba = LoadedImage.ofChannels(null, SampleType.UINT8, true, w, h, ramp, ramp, ramp, alpha);
        LoadedImage pages = LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, wide, wide, wide);
        add(seeds, work, gray8, ".png", TiffCompression.NONE);
        add(seeds, work, gray16, ".png", TiffCompression.NONE);
        add(seeds, work, rgb, ".png", TiffCompression.NONE);
        add(seeds, work, rgba, ".png", TiffCompression.NONE);
        add(seeds, work, gray8, ".tif", TiffCompression.NONE);
        add(seeds, work, gray16, ".tif", TiffCompression.DEFLATE);
        add(seeds, work, flt, ".tif", TiffCompression.NONE);
        add(seeds, work, rgb, ".tif", TiffCompression.DEFLATE);
        add(seeds, work, pages, ".tif", TiffCompression.NONE);
        // a palette PNG and a 1-bit PNG, written by ImageIO directly
        byte[] r = new byte[16], g = new byte[16], bl = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 16);
            g[i] = (byte) (255 - i * 16);
            bl[i] = (byte) (i * 5);
        }
        BufferedImage pal = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, bl));
        BufferedImage bin = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pal.getRaster().setSample(x, y, 0, (x + y) % 16);
                bin.getRaster().setSample(x, y, 0, (x / 3 + y / 5) % 2);
            }
        }
        seeds.add(new Seed(".png", encode(pal, "png")));
        seeds.add(new Seed(".png", encode(bin, "png")));
        seeds.add(new Seed(".tif", encode(bin, "tiff")));
        // what microscopes bring: an OME-TIFF with channel names and sizes, a BigTIFF, ImageJ slice labels
        LoadedImage named = LoadedImage.ofChannels(null, SampleType.UINT16, false, w, h, wide, ramp, wide)
            .withChannelNames(List.of("GFP", "Hoechst", "mCherry"));
        Path ome = work.resolve("seed-ome.tif");
        TestTiffs.writeTiff(ome, named, TestTiffs.omeXml(w, h, SampleType.UINT16, named.channelNames(), 1, 1,
            "65 nm"));
        seeds.add(new Seed(".tif", Files.readAllBytes(ome)));
        Path big = work.resolve("seed-big.tif");
        TestTiffs.writeBigTiff(big, named, TestTiffs.omeXml(w, h, SampleType.UINT16, named.channelNames(), 1, 1,
            "5 nm"));
        seeds.add(new Seed(".tif", Files.readAllBytes(big)));
        Path labels = work.resolve("seed-labels.tif");
        Files.deleteIfExists(labels);
        ImageFiles.write(named, labels, false, org.knime.deepclem.engine.io.PixelSize.parse("0.1um"));
        seeds.add(new Seed(".tif", Files.readAllBytes(labels)));
        // a crop of the real example EM
        BufferedImage em = ImageIO.read(RepoData.file("example/EM.png").toFile());
        seeds.add(new Seed(".png", encode(em.getSubimage(100, 100, 64, 64), "png")));
        return seeds;
    }

    private static void add(List<Seed> seeds, Path work, LoadedImage img, String ext, TiffCompression c)
        throws IOException {
        Path f = work.resolve("seed" + seeds.size() + ext);
        Files.deleteIfExists(f);
        ImageFiles.write(img, f, false, c);
        seeds.add(new Seed(ext, Files.readAllBytes(f)));
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /**
     * Transform files as deepclem writes them (ok and failed), Fiji / Register Virtual Stack Slices XML, and the files
     * for other tools (BigWarp CSV, elastix parameters, OME-NGFF JSON).
     */
    static List<Seed> transformSeeds() {
        List<Seed> seeds = new ArrayList<>();
        Affine2D m = Affine2D.similarity(1.07, Math.toRadians(3.5), 12.25, -40.5);
        Quality q = new Quality(41, 0.62, 1.25, 0.71, 0.98, Double.NaN);
        RegistrationResult ok = new RegistrationResult(m, TransformModel.SIMILARITY, "features", q, Verdict.OK, "");
        RegistrationResult failed = RegistrationResult.failed(TransformModel.AFFINE, "correlation", m, q,
            "too few inliers");
        TransformDocument okDoc = new TransformDocument(ok, new ImageSize(1002, 530), new ImageSize(800, 600));
        seeds.add(text(".json", TransformJson.toJson(okDoc)));
        seeds.add(text(".json", TransformJson.toJson(new TransformDocument(failed, null, null))));
        seeds.add(text(".xml", TransformXml.toXml(okDoc)));
        seeds.add(text(".xml", "<ict_transform_list>\n"
            + "\t<iict_transform class=\"mpicbg.trakem2.transform.SimilarityModel2D\" data=\"0.9 0.1 20.0 -3.0\" />\n"
            + "\t<iict_transform class=\"mpicbg.trakem2.transform.TranslationModel2D\" data=\"5.0 7.0\" />\n"
            + "\t<iict_transform class=\"mpicbg.trakem2.transform.RigidModel2D\" data=\"0.1 5.0 7.0\" />\n"
            + "</ict_transform_list>"));
        seeds.add(text(".xml", "<iict_transform class=\"mpicbg.trakem2.transform.AffineModel2D\" "
            + "data=\"1.1 -0.3 0.2 0.9 5.0 6.0\" />\n"));
        // the transforms for other tools: BigWarp landmarks, elastix parameters, OME-NGFF
        seeds.add(text(".csv", BigWarpLandmarks.toCsv(okDoc)));
        seeds.add(text(".txt", ElastixParameters.toText(okDoc)));
        seeds.add(text(".ome-ngff.json", NgffTransform.toJson(okDoc)));
        return seeds;
    }

    private static Seed text(String ext, String s) {
        return new Seed(ext, s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code images|transforms|all SECONDS [SEED]}: fuzzes each target for SECONDS; exit 1 on findings. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Fuzzer images|transforms|all SECONDS [SEED]");
            System.exit(2);
        }
        List<Target> targets = args[0].equals("all") ? List.of(Target.values())
            : List.of(Target.valueOf(args[0].toUpperCase(Locale.ROOT)));
        long seconds = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.currentTimeMillis();
        Path work = Files.createTempDirectory("deepclem-fuzz");
        boolean found = false;
        for (Target t : targets) {
            long t0 = System.nanoTime();
            Report r = new Fuzzer(t, seed, work.resolve(t.name()), Path.of("target", "fuzz-findings")).run(seconds * 1000);
            System.out.printf(Locale.ROOT, "%s (%.0f s, %.0f inputs/s)%n", r, (System.nanoTime() - t0) / 1e9,
                r.inputs() / ((System.nanoTime() - t0) / 1e9));
            found |= !r.findings().isEmpty();
        }
        System.exit(found ? 1 : 0);
    }
}
