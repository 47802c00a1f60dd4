package org.knime.core.node;

import java.util.function.Supplier;

/**
 * Stand-in of org.knime.core.node.ExecutionMonitor. A sub-progress maps its [0, 1] onto a slice of the parent's
 * progress; cancellation is shared with the root monitor. Each call goes to the progress monitor's method of the
 * same shape, as in KNIME.
 */
public class ExecutionMonitor {

    private final NodeProgressMonitor m_progress;

    /** Start of this monitor's slice in the root's progress, and its width. */
    private final double m_offset;

    private final double m_width;

    private final boolean m_silent;

    public ExecutionMonitor() {
        this(new DefaultNodeProgressMonitor());
    }

    public ExecutionMonitor(final NodeProgressMonitor progress) {
        this(progress, 0, 1, false);
    }

    ExecutionMonitor(final NodeProgressMonitor progress, final double offset, final double width,
        final boolean silent) {
        m_progress = progress;
        m_offset = offset;
        m_width = width;
        m_silent = silent;
    }

    /** Where the next sub-progress starts: the root's current progress. */
    double currentRootProgress() {
        Double p = m_progress.getProgress();
        return p == null ? m_offset : Math.max(m_offset, p);
    }

    double offset() {
        return m_offset;
    }

    double width() {
        return m_width;
    }

    public final NodeProgressMonitor getProgressMonitor() {
        return m_progress;
    }

    public void checkCanceled() throws CanceledExecutionException {
        m_progress.checkCanceled();
    }

    private double scaled(final double progress) {
        return m_offset + m_width * Math.max(0, Math.min(1, progress));
    }

    public void setProgress(final double progress) {
        m_progress.setProgress(scaled(progress));
    }

    public void setProgress(final double progress, final String message) {
        if (m_silent) {
            setProgress(progress);
        } else {
            m_progress.setProgress(scaled(progress), message);
        }
    }

    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        if (m_silent) {
            setProgress(progress);
        } else {
            m_progress.setProgress(scaled(progress), messageSupplier);
        }
    }

    public void setMessage(final String message) {
        if (!m_silent) {
            m_progress.setMessage(message);
        }
    }

    public void setMessage(final Supplier<String> messageSupplier) {
        if (!m_silent) {
            m_progress.setMessage(messageSupplier);
        }
    }

    public void setProgress(final String message) {
        if (!m_silent) {
            m_progress.setProgress(message);
        }
    }

    /** A monitor for the next {@code maxProg} of this one's range, starting at the current progress. */
    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_progress, currentRootProgress(), m_width * maxProg, m_silent);
    }

    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_progress, currentRootProgress(), m_width * maxProg, true);
    }
}
