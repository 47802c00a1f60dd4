package org.knime.deepclem.nodes.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.deepclem.engine.geometry.Affine2D;
import org.knime.deepclem.engine.io.LoadedImage;
import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.transform.ImageWarp;
import org.knime.deepclem.engine.transform.Interpolation;
import org.knime.deepclem.nodes.common.ColumnMode;
import org.knime.deepclem.nodes.common.ImageCalibrations;
import org.knime.deepclem.nodes.common.ImageColumns;
import org.knime.deepclem.nodes.common.ImagePlanes;
import org.knime.deepclem.nodes.common.SettingsNodeModel;
import org.knime.deepclem.nodes.common.TransformColumns;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * Warps the images of any number of columns into the EM frame with the transforms of a registration: in-port 0 holds
 * the images, in-port 1 the transform table. A missing image, a row without transform or (by option) a failed
 * registration gives a missing cell.
 */
public final class ApplyClemTransformNodeModel extends SettingsNodeModel<ApplyClemTransformSettings> {

    ApplyClemTransformNodeModel() {
        super(2, 1, new ApplyClemTransformSettings());
    }

    /** What configure found: the image columns and the reference column (-1 for an explicit size). */
    private record Plan(int[] columns, int reference, ColumnMode mode) {
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        new TransformColumns.Reader(inSpecs[1]);
        Plan plan = plan(inSpecs[0]);
        return new DataTableSpec[]{rearranger(inSpecs[0], plan, null, null).createSpec()};
    }

    private Plan plan(final DataTableSpec spec) throws InvalidSettingsException {
        m_settings.checkConsistency();
        var o = m_settings.options();
        int reference = -1;
        if (m_settings.sizeFromReference()) {
            reference = ImageColumns.imageColumn(spec, m_settings.m_referenceColumn,
                o.label(ApplyClemTransformSettings.REFERENCE_COLUMN), "the image table");
        }
        List<String> names = new ArrayList<>(m_settings.m_imageColumns.getIncludeList());
        if (names.isEmpty()) {
            // nothing chosen yet: every image column except the reference (KNIME-style auto-configuration)
            for (DataColumnSpec c : spec) {
                if (c.getType().isCompatible(ImgPlusValue.class) && spec.findColumnIndex(c.getName()) != reference) {
                    names.add(c.getName());
                }
            }
            if (names.isEmpty()) {
                throw new InvalidSettingsException("\"" + o.label(ApplyClemTransformSettings.IMAGE_COLUMNS)
                    + "\": the image table has no image column to transform.");
            }
            m_settings.m_imageColumns.setIncludeList(names);
            setWarningMessage("Transforming all image columns: " + String.join(", ", names));
        }
        int[] columns = new int[names.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = spec.findColumnIndex(names.get(i));
            if (columns[i] < 0 || !spec.getColumnSpec(columns[i]).getType().isCompatible(ImgPlusValue.class)) {
                throw new InvalidSettingsException("\"" + o.label(ApplyClemTransformSettings.IMAGE_COLUMNS)
                    + "\": column \"" + names.get(i) + "\" is " + (columns[i] < 0 ? "not in the image table"
                        : "not an image column") + ". Choose from: " + ImageColumns.namesOf(spec, ImgPlusValue.class)
                    + ".");
            }
        }
        ColumnMode mode = ColumnMode.fromLabel(m_settings.m_columnMode.getStringValue(),
            o.label(ApplyClemTransformSettings.COLUMN_MODE));
        return new Plan(columns, reference, mode);
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        TransformColumns.Reader reader = new TransformColumns.Reader(inData[1].getDataTableSpec());
        Map<RowKey, DataRow> byKey = new HashMap<>();
        DataRow first = null;
        for (DataRow r : inData[1]) {
            byKey.put(r.getKey(), r);
            first = first == null ? r : first;
        }
        if (first == null) {
            throw new IllegalArgumentException("The transform table (second input) is empty.");
        }
        DataRow onlyRow = first;
        TransformLookup lookup = m_settings.joinByRowId() ? key -> byKey.get(key) : key -> onlyRow;
        Plan plan = plan(inData[0].getDataTableSpec());
        Counter unmatched = new Counter();
        ColumnRearranger r = rearranger(inData[0].getDataTableSpec(), plan, exec, row -> {
            DataRow t = lookup.find(row.getKey());
            if (t == null) {
                unmatched.n++;
                return null;
            }
            return m_settings.m_skipFailed.getBooleanValue() && reader.failed(t) ? null : reader.transform(t);
        });
        BufferedDataTable out = exec.createColumnRearrangeTable(inData[0], r, exec);
        if (unmatched.n > 0) {
            setWarningMessage(unmatched.n + " image row(s) have no transform row with the same row ID; their outputs "
                + "are missing.");
        }
        return new BufferedDataTable[]{out};
    }

    private interface TransformLookup {
        DataRow find(RowKey key);
    }

    /** The transform for an image row, or null for "no output". */
    private interface TransformFor {
        Affine2D of(DataRow imageRow);
    }

    private static final class Counter {
        private int n;
    }

    private ColumnRearranger rearranger(final DataTableSpec spec, final Plan plan, final ExecutionContext exec,
        final TransformFor transforms) throws InvalidSettingsException {
        Interpolation interpolation = m_settings.interpolation();
        String suffix = m_settings.m_suffix.getStringValue();
        DataColumnSpec[] outSpecs = new DataColumnSpec[plan.columns().length];
        DataTableSpec taken = spec;
        for (int i = 0; i < outSpecs.length; i++) {
            String in = spec.getColumnSpec(plan.columns()[i]).getName();
            String name = plan.mode() == ColumnMode.REPLACE ? in : DataTableSpec.getUniqueColumnName(taken, in + suffix);
            outSpecs[i] = new DataColumnSpecCreator(name, ImgPlusCell.TYPE).createSpec();
            if (plan.mode() == ColumnMode.APPEND) {
                taken = new DataTableSpec(taken, new DataTableSpec(outSpecs[i]));
            }
        }
        int width = m_settings.m_width.getIntValue(), height = m_settings.m_height.getIntValue();
        AbstractCellFactory factory = new AbstractCellFactory(outSpecs) {
            private ImgPlusCellFactory m_cells;

            @Override
            public DataCell[] getCells(final DataRow row) {
                DataCell[] out = new DataCell[plan.columns().length];
                Affine2D t = transforms.of(row);
                int w = width, h = height;
                PixelSize calibration = null; // the reference's, which the warped images share
                if (plan.reference() >= 0) {
                    DataCell ref = row.getCell(plan.reference());
                    if (ref.isMissing()) {
                        t = null;
                    } else {
                        long[] dims = ((ImgPlusValue<?>)ref).getDimensions();
                        w = (int)dims[0];
                        h = (int)dims[1];
                        calibration = ImageCalibrations.pixelSize((ImgPlusValue<?>)ref);
                    }
                }
                for (int i = 0; i < out.length; i++) {
                    DataCell in = row.getCell(plan.columns()[i]);
                    out[i] = t == null || in.isMissing() ? DataType.getMissingCell()
                        : warp((ImgPlusValue<?>)in, t, w, h, calibration, row.getKey());
                }
                return out;
            }

            private DataCell warp(final ImgPlusValue<?> in, final Affine2D t, final int w, final int h,
                final PixelSize calibration, final RowKey key) {
                if (m_cells == null) {
                    m_cells = new ImgPlusCellFactory(exec);
                }
                try {
                    LoadedImage warped = ImageWarp.warp(ImagePlanes.loaded(in), t, w, h, interpolation, null);
                    return ImagePlanes.cell(m_cells, warped, in.getMetadata().getName(), calibration);
                } catch (IOException e) {
                    throw new UncheckedIOException("Row \"" + key + "\": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Row \"" + key + "\": " + e.getMessage(), e);
                }
            }
        };
        ColumnRearranger r = new ColumnRearranger(spec);
        if (plan.mode() == ColumnMode.REPLACE) {
            r.replace(factory, plan.columns());
        } else {
            r.append(factory);
        }
        return r;
    }
}
