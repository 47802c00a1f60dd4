package org.knime.deepclem.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStoreCell;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * What the nodes rely on in KNIME's behaviour, where a naive stand-in differs from the real core. The class runs in
 * the Maven build on the API stand-in and in the real-KNIME stage on KNIME's core, so the two cannot drift apart
 * unnoticed (each case was first observed on the real core, see knime-real-tests/README.md).
 */
class KnimeBehaviourTest {

    @Test
    void aTypeIsNamedAfterItsValueNotItsCellClass() {
        assertEquals("String", StringCell.TYPE.getName());
        // the value's utility factory names it: KNIME 5.4 "Number (double)", 5.12 "Number (Float)"
        assertTrue(Set.of("Number (double)", "Number (Float)").contains(DoubleCell.TYPE.getName()),
            DoubleCell.TYPE.getName());
        assertTrue(IntCell.TYPE.getName().startsWith("Number ("), IntCell.TYPE.getName());
    }

    @Test
    void aSettingsModelStoresItsEnabledStatusBesideItsValue() throws Exception {
        SettingsModelString m = new SettingsModelString("key", "v");
        NodeSettings s = new NodeSettings("model");
        m.saveSettingsTo(s);
        assertEquals(new TreeSet<>(Set.of("key", "key_Internals")), new TreeSet<>(s.keySet()));
        assertEquals("SMID_string", s.getConfig("key_Internals").getString("SettingsModelID"));

        m.setEnabled(false); // a disabled model's value is neither validated nor required
        NodeSettings disabled = new NodeSettings("model");
        m.saveSettingsTo(disabled);
        disabled.addInt("key", 3);
        SettingsModelString other = new SettingsModelString("key", "v");
        other.validateSettings(disabled);
        other.loadSettingsFrom(disabled);
        assertFalse(other.isEnabled());
    }

    @Test
    void columnNamesAreTrimmed() {
        assertEquals("Image", new DataColumnSpecCreator("  Image ", ImgPlusCell.TYPE).createSpec().getName());
    }

    @Test
    void progressWithAMessageBypassesSetProgressOfTheMonitor() {
        int[] plain = {0};
        DefaultNodeProgressMonitor monitor = new DefaultNodeProgressMonitor() {
            @Override
            public synchronized void setProgress(final double progress) {
                plain[0]++;
                super.setProgress(progress);
            }
        };
        ExecutionMonitor exec = new ExecutionMonitor(monitor);
        exec.setProgress(0.5, "half");
        exec.setProgress(0.75, () -> "three quarters");
        assertEquals(0, plain[0], "a watcher must override every setProgress variant (NodeHarness.CancelingMonitor)");
        exec.setProgress(1.0);
        assertEquals(1, plain[0]);
    }

    @Test
    void aFileStoreCellNeedsAFileStore() {
        assertThrows(NullPointerException.class, () -> new FileStoreCell((FileStore)null) {
            private static final long serialVersionUID = 1L;
        });
    }

    @Test
    void theColumnChooserFallsBackToTheLastCompatibleColumnOrNone() throws Exception {
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("A", ImgPlusCell.TYPE).createSpec(),
            new DataColumnSpecCreator("B", ImgPlusCell.TYPE).createSpec());
        SettingsModelString required = new SettingsModelString("required", "");
        SettingsModelString optional = new SettingsModelString("optional", "");
        DefaultNodeSettingsPane pane = new DefaultNodeSettingsPane();
        pane.addDialogComponent(new DialogComponentColumnNameSelection(required, "Required", 0, ImgPlusValue.class));
        pane.addDialogComponent(
            new DialogComponentColumnNameSelection(optional, "Optional", 0, false, true, ImgPlusValue.class));
        NodeSettings empty = new NodeSettings("model");
        required.saveSettingsTo(empty);
        optional.saveSettingsTo(empty);
        NodeSettings saved = NodeHarness.dialogRoundTrip(pane, empty, spec);
        assertEquals("B", saved.getString("required"));
        assertNull(saved.getString("optional"), "<none>");
    }
}
