package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.SettingsModel: one setting shared by a node model and its
 * dialog component, stored under its config name. As in KNIME, saving also writes a {@code <key>_Internals} config
 * (model type id, enabled status); loading takes the enabled status from it when present, and a disabled model
 * neither validates nor fails to load.
 */
public abstract class SettingsModel {

    private static final String CFGKEY_INTERNAL = "_Internals";

    private static final String CFGKEY_MODELID = "SettingsModelID";

    private static final String CFGKEY_ENABLESTAT = "EnabledStatus";

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
        try {
            readEnableStatus(settings);
        } catch (InvalidSettingsException e) {
            // dialogs load anything, empty settings included
        }
        loadSettingsForDialog(settings, specs);
    }

    final void dlgSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveEnableStatusAndModelID(settings);
        try {
            saveSettingsForDialog(settings);
        } catch (InvalidSettingsException e) {
            if (m_enabled) {
                throw e;
            }
        }
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
        boolean old = m_enabled;
        readEnableStatus(settings);
        boolean stored = m_enabled;
        m_enabled = old;
        if (stored) {
            validateSettingsForModel(settings);
        }
    }

    protected abstract void validateSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        readEnableStatus(settings);
        try {
            loadSettingsForModel(settings);
        } catch (InvalidSettingsException e) {
            if (m_enabled) {
                throw e;
            }
        }
    }

    protected abstract void loadSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        saveEnableStatusAndModelID(settings);
        saveSettingsForModel(settings);
    }

    /** Sets the enabled status stored in {@code <key>_Internals}; no such config (older settings): unchanged. */
    private void readEnableStatus(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config internals;
        try {
            internals = settings.getConfig(getConfigName() + CFGKEY_INTERNAL);
        } catch (InvalidSettingsException e) {
            return;
        }
        internals.getString(CFGKEY_MODELID);
        m_enabled = internals.getBoolean(CFGKEY_ENABLESTAT);
    }

    private void saveEnableStatusAndModelID(final NodeSettingsWO settings) {
        Config internals = settings.addConfig(getConfigName() + CFGKEY_INTERNAL);
        internals.addString(CFGKEY_MODELID, getModelTypeID());
        internals.addBoolean(CFGKEY_ENABLESTAT, m_enabled);
    }

    protected abstract void saveSettingsForModel(NodeSettingsWO settings);

    @Override
    public abstract String toString();
}
