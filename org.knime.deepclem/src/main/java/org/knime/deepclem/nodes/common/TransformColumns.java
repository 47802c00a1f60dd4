package org.knime.deepclem.nodes.common;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.geometry.Affine2D;

/**
 * The transform table the CLEM Registration node writes and the Apply CLEM Transform node reads: one row per
 * registered pair; a, b, tx, c, d, ty are the 2x3 matrix mapping moving (LM) pixels to fixed (EM) pixels.
 */
public final class TransformColumns {

    public static final String A = "a", B = "b", TX = "tx", C = "c", D = "d", TY = "ty";

    public static final String SCALE = "scale", ROTATION = "rotation (deg)", MODEL = "model", METHOD = "method";

    public static final String INLIERS = "inliers", INLIER_RATIO = "inlier ratio", RESIDUAL = "residual (px)",
        NCC = "ncc", OVERLAP = "overlap", MARGIN = "margin";

    public static final String VERDICT = "verdict", REASON = "reason", FIJI_XML = "Fiji transform XML";

    /** Where the transform came from (image, landmarks, image+landmarks) and the landmark figures (Fitzpatrick). */
    public static final String SOURCE = "source", LANDMARKS = "landmarks", FRE = "landmark FRE (px)",
        TRE_MAX = "predicted TRE max (px)";

    /** True when the transform flips handedness (negative determinant: the chromatin image was mirrored). */
    public static final String MIRRORED = "mirrored";

    /** The error predicted from the registration's own evidence ({@code ErrorPrediction}), EM px. */
    public static final String PREDICTED_RMS = "predicted RMS error (px)",
        PREDICTED_BOUND = "predicted error 90% bound (px)";

    /** The transform for other tools, as the files {@code deepclem register} writes (docs/registration.md). */
    public static final String ELASTIX = "elastix TransformParameters", BIGWARP = "BigWarp landmarks (CSV)",
        NGFF = "OME-NGFF transform (JSON)";

    /**
     * The pixel sizes (µm, mean of x and y) and, where both are known, the transform from LM µm to EM µm (its scale,
     * near 1 when sizes and registration agree, and shift) and the residual in µm; missing where unknown.
     */
    public static final String EM_PIXEL_UM = "EM pixel size (µm)", LM_PIXEL_UM = "LM pixel size (µm)",
        SCALE_UM = "scale (µm/µm)", TX_UM = "tx (µm)", TY_UM = "ty (µm)", RESIDUAL_UM = "residual (µm)";

    /** The matrix columns, in row-major order. */
    public static final String[] MATRIX = {A, B, TX, C, D, TY};

    private TransformColumns() {
    }

    /** The full spec of the registration node's transform table. */
    public static DataTableSpec spec() {
        return new DataTableSpec("Transforms", dbl(A), dbl(B), dbl(TX), dbl(C), dbl(D), dbl(TY), dbl(SCALE),
            dbl(ROTATION), str(MODEL), str(METHOD), new DataColumnSpecCreator(INLIERS, IntCell.TYPE).createSpec(),
            dbl(INLIER_RATIO), dbl(RESIDUAL), dbl(NCC), dbl(OVERLAP), dbl(MARGIN), str(VERDICT), str(REASON),
            str(FIJI_XML), str(ELASTIX), str(BIGWARP), str(NGFF), str(SOURCE),
            new DataColumnSpecCreator(LANDMARKS, IntCell.TYPE).createSpec(), dbl(FRE), dbl(TRE_MAX), dbl(EM_PIXEL_UM),
            dbl(LM_PIXEL_UM), dbl(SCALE_UM), dbl(TX_UM), dbl(TY_UM), dbl(RESIDUAL_UM),
            new DataColumnSpecCreator(MIRRORED, BooleanCell.TYPE).createSpec(), dbl(PREDICTED_RMS),
            dbl(PREDICTED_BOUND));
    }

    private static DataColumnSpec dbl(final String name) {
        return new DataColumnSpecCreator(name, DoubleCell.TYPE).createSpec();
    }

    private static DataColumnSpec str(final String name) {
        return new DataColumnSpecCreator(name, StringCell.TYPE).createSpec();
    }

    /** Reads transforms from a table that has at least the matrix columns (and optionally the verdict). */
    public static final class Reader {

        private final int[] m_matrix = new int[6];

        private final int m_verdict;

        /** @throws InvalidSettingsException when a matrix column is absent or not numeric */
        public Reader(final DataTableSpec spec) throws InvalidSettingsException {
            for (int i = 0; i < 6; i++) {
                m_matrix[i] = spec.findColumnIndex(MATRIX[i]);
                if (m_matrix[i] < 0 || !spec.getColumnSpec(m_matrix[i]).getType().isCompatible(DoubleValue.class)) {
                    throw new InvalidSettingsException("The transform table needs numeric columns a, b, tx, c, d, ty "
                        + "(as the CLEM Registration node writes them); column \"" + MATRIX[i] + "\" is "
                        + (m_matrix[i] < 0 ? "missing." : "not numeric."));
                }
            }
            int v = spec.findColumnIndex(VERDICT);
            m_verdict = v >= 0 && spec.getColumnSpec(v).getType().isCompatible(StringValue.class) ? v : -1;
        }

        /** The row's transform, or null when a matrix cell is missing. */
        public Affine2D transform(final DataRow row) {
            double[] m = new double[6];
            for (int i = 0; i < 6; i++) {
                var cell = row.getCell(m_matrix[i]);
                if (cell.isMissing()) {
                    return null;
                }
                m[i] = ((DoubleValue)cell).getDoubleValue();
            }
            return Affine2D.fromRowMajor(m);
        }

        /** Whether the row says its registration failed (no verdict column: not failed). */
        public boolean failed(final DataRow row) {
            if (m_verdict < 0 || row.getCell(m_verdict).isMissing()) {
                return false;
            }
            return !"ok".equalsIgnoreCase(((StringValue)row.getCell(m_verdict)).getStringValue().trim());
        }
    }
}
