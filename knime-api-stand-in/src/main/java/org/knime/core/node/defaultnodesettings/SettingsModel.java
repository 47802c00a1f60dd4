package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.SettingsModel: one setting shared by a node model and its
 * dialog component, stored under its config name.
 */
public abstract class SettingsModel {

    private final List<ChangeListener> m_listeners = new ArrayList<>();

    private boolean m_enabled = true;

    public SettingsModel() {
    }

    /** A clone holding the value in {@code settings}, after validating it. */
    @SuppressWarnings("unchecked")
    public final <T extends SettingsModel> T createCloneWithValidatedValue(final NodeSettingsRO settings)
        throws InvalidSettingsException {
        SettingsModel clone = createClone();
        clone.loadSettingsFrom(settings);
        return (T)clone;
    }

    protected abstract <T extends SettingsModel> T createClone();

    protected abstract String getModelTypeID();

    protected abstract String getConfigName();

    protected abstract void loadSettingsForDialog(NodeSettingsRO settings, PortObjectSpec[] specs)
        throws NotConfigurableException;

    protected abstract void saveSettingsForDialog(NodeSettingsWO settings) throws InvalidSettingsException;

    final void dlgLoadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        loadSettingsForDialog(settings, specs);
    }

    final void dlgSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForDialog(settings);
    }

    public void addChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(l);
        }
    }

    public void removeChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
    }

    protected void notifyChangeListeners() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : new ArrayList<>(m_listeners)) {
            l.stateChanged(e);
        }
    }

    public void setEnabled(final boolean enabled) {
        boolean changed = enabled != m_enabled;
        m_enabled = enabled;
        if (changed) {
            notifyChangeListeners();
        }
    }

    public boolean isEnabled() {
        return m_enabled;
    }

    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateSettingsForModel(settings);
    }

    protected abstract void validateSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        loadSettingsForModel(settings);
    }

    protected abstract void loadSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        saveSettingsForModel(settings);
    }

    protected abstract void saveSettingsForModel(NodeSettingsWO settings);

    @Override
    public abstract String toString();
}
