package org.knime.deepclem.engine.transform;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.AtomicFiles;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Fiji / TrakEM2 coordinate-transform XML, as written by "Register Virtual Stack Slices" and read by "Transform
 * Virtual Stack Slices" (and by the original DeepCLEM, whose {@code transformation_LM_image.xml} is such a file).
 * <p>
 * Format (mpicbg {@code mpicbg.trakem2.transform.*}, checked in the public mpicbg / TrakEM2 / render sources):
 * <pre>
 * &lt;iict_transform class="mpicbg.trakem2.transform.SimilarityModel2D" data="scos ssin tx ty" /&gt;
 * </pre>
 * or several such elements inside {@code <ict_transform_list>} (or {@code <iict_transform_list>}), applied in document
 * order (first element first). The {@code data} strings, x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12:
 * <ul>
 * <li>AffineModel2D: {@code "m00 m10 m01 m11 m02 m12"} (column-major)</li>
 * <li>SimilarityModel2D: {@code "scos ssin tx ty"}, i.e. m00 = m11 = scos, m10 = ssin, m01 = -ssin</li>
 * <li>RigidModel2D: {@code "theta tx ty"} (radians), cos/sin of theta as in the similarity</li>
 * <li>TranslationModel2D: {@code "tx ty"}</li>
 * </ul>
 * <b>Direction.</b> Register Virtual Stack Slices matches features of the moving slice (source points) to the
 * reference slice (target points), fits the model to those matches and renders the moving slice forward through it
 * ({@code TransformMeshMapping}); the saved file is that model followed by a translation to the previous slice's
 * bounding-box origin (0, 0 for the slice next to the reference). So the file maps moving px to reference px: the
 * same direction as {@link RegistrationResult#movingToFixed()}. Transform Virtual Stack Slices reads the file line
 * by line, taking the text after {@code class=} and the next {@code =} as class and data, so this writer puts one
 * element per line with {@code class} before {@code data}.
 * <p>
 * Writing chooses the narrowest class that holds the matrix exactly (translation, similarity, else affine), so a file
 * written here and read back gives the identical matrix; rigid transforms are written as similarities with scale 1
 * (an angle would not round-trip exactly). A mirrored transform (negative determinant, {@code MirrorSearch}) is
 * always an AffineModel2D: a SimilarityModel2D's "scos ssin" has determinant scos^2 + ssin^2 &gt; 0 and cannot hold a
 * flip. mpicbg reads AffineModel2D data as {@code set(m00, m10, m01, m11, m02, m12)} and maps x' = m00 x + m01 y +
 * m02 (axtimwalde/mpicbg, {@code mpicbg.trakem2.transform.AffineModel2D.init}, {@code
 * mpicbg.models.AffineModel2D.applyInPlace}), so Fiji applies the flip as written.
 */
public final class TransformXml {

    static final String PKG = "mpicbg.trakem2.transform.";

    private TransformXml() {
    }

    /** The XML text for a transform (moving px -> fixed px). */
    public static String toXml(Affine2D movingToFixed) {
        if (movingToFixed == null || !movingToFixed.isFinite()) {
            throw new IllegalArgumentException("cannot write a transform XML for a missing or non-finite transform");
        }
        Affine2D m = movingToFixed;
        String cls, data;
        if (m.a() == 1 && m.d() == 1 && m.b() == 0 && m.c() == 0) {
            cls = "TranslationModel2D";
            data = num(m.tx()) + " " + num(m.ty());
        } else if (m.a() == m.d() && m.b() == -m.c()) {
            cls = "SimilarityModel2D";
            data = num(m.a()) + " " + num(m.c()) + " " + num(m.tx()) + " " + num(m.ty());
        } else {
            cls = "AffineModel2D";
            data = num(m.a()) + " " + num(m.c()) + " " + num(m.b()) + " " + num(m.d()) + " " + num(m.tx()) + " "
                + num(m.ty());
        }
        return "<iict_transform class=\"" + PKG + cls + "\" data=\"" + data + "\" />\n";
    }

    /** The XML text for a registration result; a failed result cannot be written (the format has no verdict). */
    public static String toXml(TransformDocument doc) {
        RegistrationResult r = doc.result();
        if (r.verdict() != Verdict.OK) {
            throw new IllegalArgumentException("registration failed (" + r.reason()
                + "); a Fiji transform XML cannot mark a failure, so none is written");
        }
        return toXml(r.movingToFixed());
    }

    /** Writes atomically (temp file + rename). */
    public static void write(TransformDocument doc, Path file, boolean overwrite) throws IOException {
        AtomicFiles.writeString(file, toXml(doc), overwrite);
    }

    /** Reads a transform XML file into a document (verdict ok, no quality figures, no sizes). */
    public static TransformDocument read(Path file) throws IOException {
        return fromXml(TransformJson.readSmallText(file, "transform file"), file.toString());
    }

    /** Parses XML text; {@code origin} names the source in messages. */
    public static TransformDocument fromXml(String xml, String origin) {
        Document dom;
        try {
            dom = parser().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(origin + ": not a readable transform XML ("
                + TransformJson.firstLine(e.getMessage()) + ")");
        }
        Element root = dom.getDocumentElement();
        List<Element> parts = new ArrayList<>();
        collect(root, parts, origin, 0);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(origin + ": the XML holds no transform");
        }
        Affine2D total = Affine2D.IDENTITY;
        TransformModel model = TransformModel.TRANSLATION;
        for (Element e : parts) {
            String cls = e.getAttribute("class");
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            if (!cls.startsWith("mpicbg.trakem2.")) {
                throw new IllegalArgumentException(origin + ": unsupported transform class '" + cls + "'");
            }
            double[] v = numbers(e.getAttribute("data"), origin, simple);
            Affine2D t;
            TransformModel tm;
            switch (simple) {
                case "TranslationModel2D":
                    t = Affine2D.translation(need(v, 2, origin, simple)[0], v[1]);
                    tm = TransformModel.TRANSLATION;
                    break;
                case "RigidModel2D":
                    need(v, 3, origin, simple);
                    t = new Affine2D(Math.cos(v[0]), -Math.sin(v[0]), v[1], Math.sin(v[0]), Math.cos(v[0]), v[2]);
                    tm = TransformModel.RIGID;
                    break;
                case "SimilarityModel2D":
                    need(v, 4, origin, simple);
                    t = new Affine2D(v[0], -v[1], v[2], v[1], v[0], v[3]);
                    tm = TransformModel.SIMILARITY;
                    break;
                case "AffineModel2D":
                    need(v, 6, origin, simple);
                    t = new Affine2D(v[0], v[2], v[4], v[1], v[3], v[5]);
                    tm = TransformModel.AFFINE;
                    break;
                default:
                    throw new IllegalArgumentException(origin + ": " + simple
                        + " is not supported; only Translation, Rigid, Similarity and Affine models are");
            }
            // the first element keeps its exact values (composition with the identity would only add zeros)
            total = total == Affine2D.IDENTITY ? t : t.after(total);
            if (tm.ordinal() > model.ordinal()) {
                model = tm;
            }
        }
        if (!total.isFinite() || Math.abs(total.determinant()) < 1e-12) {
            throw new IllegalArgumentException(origin + ": the transform is degenerate (not invertible)");
        }
        RegistrationResult r = new RegistrationResult(total, model, "fiji-xml", Quality.NONE, Verdict.OK, "");
        return new TransformDocument(r, null, null);
    }

    private static void collect(Element e, List<Element> out, String origin, int depth) {
        String name = e.getTagName();
        if (depth > 8 || out.size() > 1000) {
            throw new IllegalArgumentException(origin + ": transform XML nested too deeply or too long");
        }
        if (name.equals("iict_transform") || name.equals("ict_transform")) {
            out.add(e);
        } else if (name.equals("ict_transform_list") || name.equals("iict_transform_list")) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element child) {
                    collect(child, out, origin, depth + 1);
                }
            }
        } else {
            throw new IllegalArgumentException(origin + ": unexpected element <" + name
                + ">; expected iict_transform or ict_transform_list");
        }
    }

    private static double[] numbers(String data, String origin, String cls) {
        String t = data.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(origin + ": " + cls + " has no data");
        }
        String[] f = t.split("\\s+");
        if (f.length > 16) {
            throw new IllegalArgumentException(origin + ": " + cls + " data has " + f.length + " numbers");
        }
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": " + cls + " data '" + f[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(origin + ": " + cls + " data holds " + f[i] + " (must be finite)");
            }
        }
        return v;
    }

    private static double[] need(double[] v, int n, String origin, String cls) {
        if (v.length != n) {
            throw new IllegalArgumentException(origin + ": " + cls + " needs " + n + " numbers in data, got " + v.length);
        }
        return v;
    }

    /** Shortest decimal that reads back as the same double (Java's Double.toString), as mpicbg writes. */
    private static String num(double d) {
        return Double.toString(d);
    }

    /** A DOM parser that refuses DOCTYPEs and external entities (no entity-expansion or XXE tricks). */
    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // errors become exceptions, not stderr noise
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }
}
