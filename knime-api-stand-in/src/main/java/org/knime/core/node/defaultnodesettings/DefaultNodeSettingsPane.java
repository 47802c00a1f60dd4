package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane: dialog components stacked in tabs and
 * groups; load and save go through every component's model.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {

    private final List<DialogComponent> m_components = new ArrayList<>();

    private JPanel m_currentTab;

    private Box m_currentBox;

    private String m_defaultTabTitle = "Options";

    private final JPanel m_defaultTab;

    public DefaultNodeSettingsPane() {
        m_defaultTab = newPanel();
        m_currentTab = m_defaultTab;
        m_currentBox = Box.createVerticalBox();
        m_currentTab.add(m_currentBox);
        addTab(m_defaultTabTitle, m_defaultTab);
    }

    private static JPanel newPanel() {
        JPanel p = new JPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        return p;
    }

    public void setDefaultTabTitle(final String tabTitle) {
        removeTab(m_defaultTabTitle);
        m_defaultTabTitle = tabTitle;
        addTab(tabTitle, m_defaultTab);
    }

    public void createNewTab(final String tabTitle) {
        m_currentTab = newPanel();
        m_currentBox = Box.createVerticalBox();
        m_currentTab.add(m_currentBox);
        addTab(tabTitle, m_currentTab);
    }

    public void selectTab(final String tabTitle) {
        if (getTab(tabTitle) instanceof JPanel p) {
            m_currentTab = p;
            m_currentBox = Box.createVerticalBox();
            p.add(m_currentBox);
        }
    }

    public void createNewGroup(final String title) {
        m_currentBox = Box.createVerticalBox();
        m_currentBox.setBorder(BorderFactory.createTitledBorder(title));
        m_currentTab.add(m_currentBox);
    }

    public void closeCurrentGroup() {
        m_currentBox = Box.createVerticalBox();
        m_currentTab.add(m_currentBox);
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_components.add(diaC);
        m_currentBox.add(diaC.getComponentPanel());
    }

    public void setHorizontalPlacement(final boolean horizontal) {
        // layout detail; irrelevant to the stand-in
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (DialogComponent c : m_components) {
            c.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent c : m_components) {
            c.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            tableSpecs[i] = specs[i] instanceof DataTableSpec s ? s : null;
        }
        loadAdditionalSettingsFrom(settings, tableSpecs);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
    }
}
