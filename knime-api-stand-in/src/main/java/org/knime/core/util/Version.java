package org.knime.core.util;

/** Stand-in of knime-core's org.knime.core.util.Version (major.minor.revision). */
public final class Version {

    private final int m_major, m_minor, m_revision;

    public Version(final int major, final int minor, final int revision) {
        m_major = major;
        m_minor = minor;
        m_revision = revision;
    }

    @Override
    public String toString() {
        return m_major + "." + m_minor + "." + m_revision;
    }
}
