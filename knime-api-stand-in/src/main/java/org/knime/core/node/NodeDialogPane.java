package org.knime.core.node;

import java.awt.Component;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/** Stand-in of org.knime.core.node.NodeDialogPane: a tabbed settings dialog (tabs kept in a map here). */
public abstract class NodeDialogPane {

    private final Map<String, Component> m_tabs = new LinkedHashMap<>();

    private final JPanel m_panel = new JPanel();

    protected NodeDialogPane() {
    }

    public final JPanel getPanel() {
        return m_panel;
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            tableSpecs[i] = (DataTableSpec)specs[i];
        }
        loadSettingsFrom(settings, tableSpecs);
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() implementation missing!");
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException;

    protected final void addTab(final String title, final Component comp) {
        m_tabs.put(title, comp);
    }

    protected final void removeTab(final String name) {
        m_tabs.remove(name);
    }

    protected final Component getTab(final String title) {
        return m_tabs.get(title);
    }

    public void onOpen() {
    }

    public void onClose() {
    }

    public void onCancel() {
    }
}
