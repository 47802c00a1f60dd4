package org.knime.core.node.defaultnodesettings;

/** Stand-in of org.knime.core.node.defaultnodesettings.SettingsModelNumber: the base of numeric models. */
public abstract class SettingsModelNumber extends SettingsModel {

    abstract String getNumberValueStr();

    abstract void setNumberValueStr(String newValueStr);
}
