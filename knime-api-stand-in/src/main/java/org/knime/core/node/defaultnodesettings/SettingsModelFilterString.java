package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in of org.knime.core.node.defaultnodesettings.SettingsModelFilterString: include and exclude lists of
 * column names, stored as sub-config {@code configName} with string arrays {@code InclList}, {@code ExclList} and
 * boolean {@code keep_all_columns_selected}, as in KNIME.
 */
public class SettingsModelFilterString extends SettingsModel {

    private static final String CFGKEY_INCL = "InclList";

    private static final String CFGKEY_EXCL = "ExclList";

    private static final String CFGKEY_KEEPALL = "keep_all_columns_selected";

    private final String m_configName;

    private final List<String> m_inclList = new ArrayList<>();

    private final List<String> m_exclList = new ArrayList<>();

    private boolean m_keepAll;

    public SettingsModelFilterString(final String configName) {
        this(configName, (Collection<String>)null, (Collection<String>)null);
    }

    public SettingsModelFilterString(final String configName, final String[] defaultInclList,
        final String[] defaultExclList) {
        this(configName, defaultInclList == null ? null : Arrays.asList(defaultInclList),
            defaultExclList == null ? null : Arrays.asList(defaultExclList));
    }

    public SettingsModelFilterString(final String configName, final Collection<String> defaultInclList,
        final Collection<String> defaultExclList) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        if (defaultInclList != null) {
            m_inclList.addAll(defaultInclList);
        }
        if (defaultExclList != null) {
            m_exclList.addAll(defaultExclList);
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelFilterString createClone() {
        SettingsModelFilterString c = new SettingsModelFilterString(m_configName, m_inclList, m_exclList);
        c.m_keepAll = m_keepAll;
        return c;
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_filterString";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    public boolean isKeepAllSelected() {
        return m_keepAll;
    }

    public void setKeepAllSelected(final boolean selected) {
        if (selected != m_keepAll) {
            m_keepAll = selected;
            notifyChangeListeners();
        }
    }

    public void setIncludeList(final String[] newValue) {
        setIncludeList(newValue == null ? null : Arrays.asList(newValue));
    }

    public void setIncludeList(final Collection<String> newValue) {
        m_inclList.clear();
        if (newValue != null) {
            m_inclList.addAll(newValue);
        }
        notifyChangeListeners();
    }

    public List<String> getIncludeList() {
        return Collections.unmodifiableList(m_inclList);
    }

    public void setExcludeList(final String[] newValue) {
        setExcludeList(newValue == null ? null : Arrays.asList(newValue));
    }

    public void setExcludeList(final Collection<String> newValue) {
        m_exclList.clear();
        if (newValue != null) {
            m_exclList.addAll(newValue);
        }
        notifyChangeListeners();
    }

    public List<String> getExcludeList() {
        return Collections.unmodifiableList(m_exclList);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            Config lists = settings.getConfig(m_configName);
            setIncludeList(lists.getStringArray(CFGKEY_INCL, (String[])null));
            setExcludeList(lists.getStringArray(CFGKEY_EXCL, (String[])null));
            setKeepAllSelected(lists.getBoolean(CFGKEY_KEEPALL, false));
        } catch (InvalidSettingsException e) {
            // no settings: keep the current lists
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config lists = settings.getConfig(m_configName);
        lists.getStringArray(CFGKEY_INCL);
        lists.getStringArray(CFGKEY_EXCL);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config lists = settings.getConfig(m_configName);
        setIncludeList(lists.getStringArray(CFGKEY_INCL));
        setExcludeList(lists.getStringArray(CFGKEY_EXCL));
        setKeepAllSelected(lists.getBoolean(CFGKEY_KEEPALL, false));
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        Config lists = settings.addConfig(m_configName);
        lists.addStringArray(CFGKEY_INCL, m_inclList.toArray(new String[0]));
        lists.addStringArray(CFGKEY_EXCL, m_exclList.toArray(new String[0]));
        lists.addBoolean(CFGKEY_KEEPALL, m_keepAll);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
