package org.knime.deepclem.realknime.workflows;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeAndBundleInformationPersistor;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.util.LoadVersion;

/**
 * The bundle and feature a node comes from, as KNIME writes them into a node's settings.xml ({@code node-bundle-*},
 * {@code node-feature-*}) from the installed bundle's MANIFEST.MF and feature. Outside OSGi KNIME knows no bundles
 * and writes nulls, so the workflow generator supplies them.
 */
record Origin(String bundleSymbolicName, String bundleName, String bundleVendor, String bundleVersion,
    String featureSymbolicName, String featureName, String featureVendor, String featureVersion) {

    /** KNIME Base nodes 5.4.0 (knime/knime-base org.knime.base/META-INF/MANIFEST.MF, feature org.knime.features.base). */
    static final Origin KNIME_BASE = new Origin("org.knime.base", "KNIME Base Nodes", "KNIME AG, Zurich, Switzerland",
        "5.4.0", "org.knime.features.base.feature.group", "KNIME Base nodes", "KNIME AG, Zurich, Switzerland", "5.4.0");

    /** KNIP 1.8.3 (knime-ip/knip org.knime.knip.io/META-INF/MANIFEST.MF, org.knime.knip.feature/feature.xml). */
    static final Origin KNIP_IO = new Origin("org.knime.knip.io", "KNIME Image IO", "University of Konstanz", "1.8.3",
        "org.knime.knip.feature.feature.group", "KNIME Image Processing", "University of Konstanz / KNIME", "1.8.3");

    /** KNIP 1.8.3 (knime-ip/knip org.knime.knip.base/META-INF/MANIFEST.MF). */
    static final Origin KNIP_BASE = new Origin("org.knime.knip.base", "KNIME Image Types and Nodes",
        "University of Konstanz", "1.8.3", "org.knime.knip.feature.feature.group", "KNIME Image Processing",
        "University of Konstanz / KNIME", "1.8.3");

    /** Writes the node-bundle-* and node-feature-* entries as NodeAndBundleInformationPersistor.save does. */
    void saveTo(final NodeSettingsWO settings, final String factory, final String nodeName) {
        info(factory, nodeName).save(settings);
    }

    /** KNIME's own record of a node's origin, built through its settings loader (its full constructor is private). */
    NodeAndBundleInformationPersistor info(final String factory, final String nodeName) {
        NodeSettings s = new NodeSettings("node");
        s.addString("factory", factory);
        s.addString("node-name", nodeName);
        s.addString("node-bundle-name", bundleName);
        s.addString("node-bundle-symbolic-name", bundleSymbolicName);
        s.addString("node-bundle-vendor", bundleVendor);
        s.addString("node-bundle-version", bundleVersion);
        s.addString("node-feature-name", featureName);
        s.addString("node-feature-symbolic-name", featureSymbolicName);
        s.addString("node-feature-vendor", featureVendor);
        s.addString("node-feature-version", featureVersion);
        try {
            return NodeAndBundleInformationPersistor.load(s, LoadVersion.V5100);
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException("bad origin of " + factory + ": " + e.getMessage(), e);
        }
    }
}
