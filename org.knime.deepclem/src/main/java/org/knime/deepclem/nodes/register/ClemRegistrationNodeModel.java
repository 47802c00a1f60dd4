package org.knime.deepclem.nodes.register;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.image.Planes;
import org.knime.deepclem.engine.io.ChannelSelection;
import org.knime.deepclem.engine.io.Overlay;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.pipeline.PixelSizes;
import org.knime.deepclem.engine.pipeline.VirtualChromatinRegistration;
import org.knime.deepclem.engine.registration.ErrorPrediction;
import org.knime.deepclem.engine.registration.LandmarkFit;
import org.knime.deepclem.engine.registration.PredictedError;
import org.knime.deepclem.engine.registration.Quality;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationResult;
import org.knime.deepclem.engine.registration.ScalePrior;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.registration.Verdict;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.engine.transform.BigWarpLandmarks;
import org.knime.deepclem.engine.transform.ElastixParameters;
import org.knime.deepclem.engine.transform.NgffTransform;
import org.knime.deepclem.engine.transform.TransformDocument;
import org.knime.deepclem.engine.transform.TransformXml;
import org.knime.deepclem.engine.transform.Warp;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.NetworkPort;
import org.knime.deepclem.nodes.common.PredictionOptions;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.deepclem.nodes.common.TransformColumns;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Registers the measured chromatin (moving) of each row onto its virtual chromatin (fixed), or onto the virtual
 * chromatin predicted from its EM image. Out-port 0: one transform row per input row (same row ID), failed rows
 * included with their reason; out-port 1: the registered chromatin and an overlay on the EM frame.
 */
public final class ClemRegistrationNodeModel extends SettingsNodeModel<ClemRegistrationSettings> {

    static final String REGISTERED = "Registered chromatin";

    static final String OVERLAY = "Overlay";

    ClemRegistrationNodeModel() {
        super(new PortType[]{BufferedDataTable.TYPE, NetworkPort.optionalType(), BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{BufferedDataTable.TYPE, BufferedDataTable.TYPE}, new ClemRegistrationSettings());
    }

    /** The columns configure resolved (overlay -1 = use the fixed image or the EM). */
    private record Columns(int fixed, int moving, int overlay) {
    }

    static DataTableSpec imageSpec() {
        return new DataTableSpec("Registered images", new DataColumnSpecCreator(REGISTERED, ImgPlusCell.TYPE)
            .createSpec(), new DataColumnSpecCreator(OVERLAY, ImgPlusCell.TYPE).createSpec());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        columns((DataTableSpec)inSpecs[0], inSpecs[1]);
        if (inSpecs[2] != null) {
            LandmarkTable.columns((DataTableSpec)inSpecs[2]);
        } else if (m_settings.m_landmarksOnly.getBooleanValue()) {
            throw new InvalidSettingsException("\"" + m_settings.options().label(ClemRegistrationSettings.LANDMARKS_ONLY)
                + "\" is on, but no landmark table is connected to the third input: connect one, or turn the option "
                + "off.");
        }
        if (NetworkPort.isConnected(inSpecs[1])) {
            setWarningMessage(m_settings.predictInside()
                ? "The connected " + NetworkPort.NAME + " predicts; the dialog's model is not used."
                : "The connected " + NetworkPort.NAME + " is not used: the input is virtual chromatin already.");
        }
        return new PortObjectSpec[]{TransformColumns.spec(), imageSpec()};
    }

    private Columns columns(final DataTableSpec spec, final PortObjectSpec network) throws InvalidSettingsException {
        m_settings.checkConsistency();
        if (m_settings.predictInside()) {
            m_settings.m_model.checkFound(network);
        }
        var o = m_settings.options();
        int fixed = ImageColumns.imageColumn(spec, m_settings.m_fixedColumn,
            o.label(ClemRegistrationSettings.FIXED_COLUMN), "the input table");
        if (m_settings.m_movingColumn.getStringValue().isEmpty()) {
            // auto-select the first image column other than the fixed one
            spec.stream().filter(c -> c.getType().isCompatible(ImgPlusValue.class))
                .filter(c -> spec.findColumnIndex(c.getName()) != fixed).findFirst()
                .ifPresent(c -> m_settings.m_movingColumn.setStringValue(c.getName()));
        }
        int moving = ImageColumns.imageColumn(spec, m_settings.m_movingColumn,
            o.label(ClemRegistrationSettings.MOVING_COLUMN), "the input table");
        if (fixed == moving) {
            throw new InvalidSettingsException("\"" + o.label(ClemRegistrationSettings.FIXED_COLUMN) + "\" and \""
                + o.label(ClemRegistrationSettings.MOVING_COLUMN) + "\" are the same column \""
                + spec.getColumnSpec(fixed).getName() + "\"; choose two image columns.");
        }
        int overlay = -1;
        String background = m_settings.m_overlayColumn.getStringValue();
        if (background != null && !background.isEmpty() && !"<none>".equals(background)) {
            overlay = ImageColumns.imageColumn(spec, m_settings.m_overlayColumn,
                o.label(ClemRegistrationSettings.OVERLAY_COLUMN), "the input table");
        }
        return new Columns(fixed, moving, overlay);
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable in = (BufferedDataTable)inObjects[0];
        PortObject network = inObjects[1];
        LandmarkTable landmarks = inObjects[2] == null ? null : LandmarkTable.read((BufferedDataTable)inObjects[2]);
        Columns cols = columns(in.getDataTableSpec(), network == null ? null : network.getSpec());
        BufferedDataContainer transforms = exec.createDataContainer(TransformColumns.spec());
        BufferedDataContainer images = exec.createDataContainer(imageSpec());
        ImgPlusCellFactory cells = new ImgPlusCellFactory(exec);
        PredictionOptions.Predictor predictor = null;
        try {
            if (m_settings.predictInside()) {
                exec.setMessage("Loading the model");
                predictor = m_settings.m_model.load(network);
            }
            String method = m_settings.m_method.getStringValue();
            RowRegistration rr = new RowRegistration(
                RegistrationMethods.create(method, m_settings.m_mirror.getBooleanValue()), method,
                m_settings.transformModel(), m_settings.fixedChannel(), m_settings.movingChannel(),
                m_settings.interpolation(), predictor, cols, landmarks, m_settings.m_landmarksOnly.getBooleanValue(),
                new GivenSizes(m_settings.emPixelSize(), m_settings.lmPixelSize(),
                    m_settings.m_scaleTolerance.getDoubleValue() / 100));
            long n = in.size(), i = 0, failed = 0;
            for (DataRow row : in) {
                exec.checkCanceled();
                exec.setProgress(i / (double)Math.max(1, n), "Registering row " + (i + 1) + " of " + n + " (\""
                    + row.getKey() + "\")");
                Outcome out = rr.register(row);
                transforms.addRowToTable(new DefaultRow(row.getKey(), transformCells(out)));
                images.addRowToTable(new DefaultRow(row.getKey(), imageCells(out, cells, row.getKey().getString())));
                failed += out.result().ok() ? 0 : 1;
                i++;
            }
            exec.setProgress(1.0);
            List<String> warnings = new ArrayList<>();
            if (failed > 0) {
                warnings.add(failed + " of " + n + " registration(s) failed; see the verdict and reason columns.");
            }
            if (predictor != null && predictor.pixelSizeWarning() != null) {
                warnings.add(predictor.pixelSizeWarning());
            }
            if (!warnings.isEmpty()) {
                setWarningMessage(String.join(" ", warnings));
            }
        } finally {
            if (predictor != null) {
                predictor.close();
            }
            transforms.close();
            images.close();
        }
        return new PortObject[]{transforms.getTable(), images.getTable()};
    }

    /**
     * The result of one row and, when it succeeded, the planes for the image outputs; {@code document} carries the
     * row's pixel sizes whenever the images were read; {@code error} is the automatic result's predicted error (null
     * when landmarks were used or the row failed).
     */
    record Outcome(RegistrationResult result, ArrayImg<FloatType, FloatArray> background,
        ArrayImg<FloatType, FloatArray> registered, TransformDocument document, String source,
        LandmarkFit.Figures landmarks, PredictedError error) {

        Outcome(final RegistrationResult result) {
            this(result, null, null, null, LandmarkFit.SOURCE_IMAGE, null, null);
        }
    }

    /**
     * The pixel sizes the settings give (null: read from each row's images) and the scale prior's tolerance (0: no
     * prior).
     */
    private record GivenSizes(PixelSize em, PixelSize lm, double tolerance) {

        PixelSizes of(final DataCell fixedCell, final DataCell movingCell) {
            return new PixelSizes(em != null ? em : ImageCalibrations.pixelSize((ImgPlusValue<?>)fixedCell),
                lm != null ? lm : ImageCalibrations.pixelSize((ImgPlusValue<?>)movingCell));
        }

        ScalePrior prior(final PixelSizes sizes) {
            return tolerance > 0 ? sizes.scalePrior(tolerance) : null;
        }
    }

    /** Registers one row with fixed options. */
    private static final class RowRegistration {

        private final Registration m_registration;

        private final TransformModel m_model;

        private final ChannelSelection m_fixedChannel, m_movingChannel;

        private final Interpolation m_interpolation;

        private final String m_method;

        private final PredictionOptions.Predictor m_predictor;

        private final Columns m_cols;

        private final LandmarkTable m_landmarks;

        private final boolean m_landmarksOnly;

        private final GivenSizes m_sizes;

        RowRegistration(final Registration registration, final String method, final TransformModel model,
            final ChannelSelection fixedChannel, final ChannelSelection movingChannel,
            final Interpolation interpolation, final PredictionOptions.Predictor predictor, final Columns cols,
            final LandmarkTable landmarks, final boolean landmarksOnly, final GivenSizes sizes) {
            m_registration = registration;
            m_method = method;
            m_model = model;
            m_fixedChannel = fixedChannel;
            m_movingChannel = movingChannel;
            m_interpolation = interpolation;
            m_predictor = predictor;
            m_cols = cols;
            m_landmarks = landmarks;
            m_landmarksOnly = landmarksOnly;
            m_sizes = sizes;
        }

        Outcome register(final DataRow row) {
            DataCell fixedCell = row.getCell(m_cols.fixed()), movingCell = row.getCell(m_cols.moving());
            if (fixedCell.isMissing() || movingCell.isMissing()) {
                return failed((fixedCell.isMissing() ? "the fixed image" : "the chromatin image") + " is missing");
            }
            try {
                ArrayImg<FloatType, FloatArray> fixedInput = ImagePlanes.plane((ImgPlusValue<?>)fixedCell,
                    m_fixedChannel);
                ArrayImg<FloatType, FloatArray> moving = ImagePlanes.plane((ImgPlusValue<?>)movingCell, m_movingChannel);
                List<double[]> pairs = m_landmarks == null ? List.of() : m_landmarks.forRow(row.getKey().getString());
                boolean alone = m_landmarksOnly && !pairs.isEmpty();
                PixelSizes sizes = m_sizes.of(fixedCell, movingCell);
                ScalePrior prior = m_sizes.prior(sizes);
                RegistrationResult result = null;
                PredictedError error = null;
                if (alone) {
                    // landmarks only: nothing automatic to judge
                } else if (m_predictor == null) {
                    Registration registration = prior == null ? m_registration : m_registration.withScalePrior(prior);
                    var assessed = ErrorPrediction.assess(fixedInput, moving,
                        registration.register(fixedInput, moving, m_model));
                    result = assessed.result();
                    error = assessed.error();
                } else {
                    // the EM resampled to the model's training pixel size (the node's or the model's), as deepclem
                    // register does
                    var predicted = new VirtualChromatinRegistration(m_predictor, m_registration, m_model)
                        .register(fixedInput, moving, prior, sizes.em(), null);
                    result = predicted.result();
                    error = predicted.error();
                }
                String source = LandmarkFit.SOURCE_IMAGE;
                LandmarkFit.Figures figures = null;
                if (!pairs.isEmpty()) { // corrected or replaced by hand, as register --landmarks (docs/registration.md)
                    LandmarkFit.Outcome corrected = alone
                        ? LandmarkFit.landmarksOnly(pairs, m_model, (int)fixedInput.dimension(0),
                            (int)fixedInput.dimension(1))
                        : LandmarkFit.combine(result, pairs, m_model, (int)moving.dimension(0),
                            (int)moving.dimension(1), (int)fixedInput.dimension(0), (int)fixedInput.dimension(1));
                    result = corrected.result();
                    source = corrected.source();
                    figures = corrected.figures();
                    error = null; // the tiles judged the automatic answer, not the corrected one
                }
                if (!result.ok()) {
                    return new Outcome(result, null, null, TransformDocument.of(result).withPixelSizes(sizes.em(),
                        sizes.lm()), source, figures, null);
                }
                ArrayImg<FloatType, FloatArray> registered = Warp.warp(moving, result.movingToFixed(),
                    fixedInput.dimension(0), fixedInput.dimension(1), m_interpolation, Float.NaN);
                ArrayImg<FloatType, FloatArray> background = fixedInput;
                if (m_cols.overlay() >= 0 && !row.getCell(m_cols.overlay()).isMissing()) {
                    background = ImagePlanes.plane((ImgPlusValue<?>)row.getCell(m_cols.overlay()),
                        ChannelSelection.AUTO);
                }
                return new Outcome(result, background, registered, TransformDocument.of(result,
                    (int)fixedInput.dimension(0), (int)fixedInput.dimension(1), (int)moving.dimension(0),
                    (int)moving.dimension(1)).withPixelSizes(sizes.em(), sizes.lm()), source, figures, error);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return failed(e.getMessage());
            }
        }

        private Outcome failed(final String reason) {
            return new Outcome(RegistrationResult.failed(m_model, m_method, null, Quality.NONE, reason));
        }
    }

    private static DataCell[] transformCells(final Outcome out) {
        RegistrationResult r = out.result();
        Affine2D t = r.movingToFixed();
        Quality q = r.quality() == null ? Quality.NONE : r.quality();
        List<DataCell> cells = new ArrayList<>();
        double[] m = t == null ? null : t.toRowMajor();
        for (int i = 0; i < 6; i++) {
            cells.add(m == null ? DataType.getMissingCell() : dbl(m[i]));
        }
        cells.add(t == null ? DataType.getMissingCell() : dbl(t.scale()));
        cells.add(t == null ? DataType.getMissingCell() : dbl(t.rotationDegrees()));
        cells.add(new StringCell(r.model() == null ? "" : r.model().id()));
        cells.add(new StringCell(r.method() == null ? "" : r.method()));
        cells.add(q.inliers() < 0 ? DataType.getMissingCell() : new IntCell(q.inliers()));
        cells.add(dbl(q.inlierRatio()));
        cells.add(dbl(q.residualPx()));
        cells.add(dbl(q.ncc()));
        cells.add(dbl(q.overlap()));
        cells.add(dbl(q.margin()));
        cells.add(new StringCell((r.verdict() == null ? Verdict.FAILED : r.verdict()).id()));
        cells.add(new StringCell(r.reason() == null ? "" : r.reason()));
        boolean usable = r.ok() && t != null && t.isFinite();
        cells.add(usable ? new StringCell(TransformXml.toXml(t)) : DataType.getMissingCell());
        TransformDocument doc = usable ? out.document() : null;
        TransformDocument sized = out.document(); // pixel sizes, also for a failed row
        cells.add(doc == null ? DataType.getMissingCell() : new StringCell(ElastixParameters.toText(doc)));
        cells.add(doc == null ? DataType.getMissingCell() : new StringCell(BigWarpLandmarks.toCsv(doc)));
        cells.add(doc == null ? DataType.getMissingCell() : new StringCell(NgffTransform.toJson(doc)));
        LandmarkFit.Figures f = out.landmarks();
        cells.add(new StringCell(out.source()));
        cells.add(f == null ? DataType.getMissingCell() : new IntCell(f.n()));
        cells.add(f == null ? DataType.getMissingCell() : dbl(f.frePx()));
        cells.add(f == null ? DataType.getMissingCell() : dbl(f.treMax()));
        // in µm where the pixel sizes are known (TransformColumns.MICROMETRES)
        Affine2D um = doc == null ? null : doc.movingToFixedMicrometres();
        cells.add(sized == null || sized.fixedPixelSize() == null ? DataType.getMissingCell()
            : dbl(sized.fixedPixelSize().mean()));
        cells.add(sized == null || sized.movingPixelSize() == null ? DataType.getMissingCell()
            : dbl(sized.movingPixelSize().mean()));
        cells.add(um == null ? DataType.getMissingCell() : dbl(um.scale()));
        cells.add(um == null ? DataType.getMissingCell() : dbl(um.tx()));
        cells.add(um == null ? DataType.getMissingCell() : dbl(um.ty()));
        cells.add(doc == null ? DataType.getMissingCell() : dbl(doc.fixedMicrometres(q.residualPx())));
        cells.add(t == null ? DataType.getMissingCell() : BooleanCell.BooleanCellFactory.create(t.mirrored()));
        PredictedError e = r.ok() ? out.error() : null;
        cells.add(e == null ? DataType.getMissingCell() : dbl(e.rmsPx()));
        cells.add(e == null ? DataType.getMissingCell() : dbl(e.bound90Px()));
        return cells.toArray(DataCell[]::new);
    }

    /** NaN (a figure the method does not produce) becomes a missing cell. */
    private static DataCell dbl(final double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }

    private DataCell[] imageCells(final Outcome out, final ImgPlusCellFactory cells, final String name)
        throws IOException, InvalidSettingsException {
        if (out.registered() == null) {
            return new DataCell[]{DataType.getMissingCell(), DataType.getMissingCell()};
        }
        float[] reg = Planes.data(out.registered());
        float[] noNan = reg.clone();
        for (int i = 0; i < noNan.length; i++) {
            noNan[i] = Float.isNaN(noNan[i]) ? 0 : noNan[i];
        }
        long w = out.registered().dimension(0), h = out.registered().dimension(1);
        // in the fixed (EM) frame: the EM's calibration
        PixelSize em = out.document() == null ? null : out.document().fixedPixelSize();
        DataCell registered = ImagePlanes.cell(cells, Planes.wrap(noNan, w, h), name, em);
        ArrayImg<FloatType, FloatArray> background = out.background();
        if (background.dimension(0) != w || background.dimension(1) != h) {
            background = org.knime.deepclem.engine.preprocess.Resample.toSize(background, w, h);
        }
        DataCell overlay = ImagePlanes.cell(cells, Overlay.compose(background, out.registered(),
            m_settings.overlayColour()), name, em);
        return new DataCell[]{registered, overlay};
    }
}
