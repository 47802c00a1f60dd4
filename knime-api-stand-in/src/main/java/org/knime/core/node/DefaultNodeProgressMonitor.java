package org.knime.core.node;

/**
 * Stand-in of org.knime.core.node.DefaultNodeProgressMonitor: progress in [0, 1], a message and a cancel flag. As in
 * KNIME, the two-argument setProgress does not go through setProgress(double): a subclass that watches progress
 * must override every variant.
 */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {

    private volatile boolean m_canceled;

    private Double m_progress;

    private String m_message;

    public DefaultNodeProgressMonitor() {
    }

    @Override
    public synchronized void reset() {
        m_canceled = false;
        m_progress = null;
        m_message = null;
    }

    protected boolean isCanceled() {
        return m_canceled;
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled) {
            throw new CanceledExecutionException("Execution canceled");
        }
    }

    @Override
    public void setExecuteCanceled() {
        m_canceled = true;
    }

    @Override
    public synchronized void setProgress(final double progress, final String message) {
        setProgressIntern(progress);
        m_message = message;
    }

    @Override
    public synchronized void setProgress(final double progress) {
        setProgressIntern(progress);
    }

    /** KNIME ignores values outside [0, 1]. */
    private void setProgressIntern(final double progress) {
        if (progress >= 0 && progress <= 1) {
            m_progress = progress;
        }
    }

    @Override
    public synchronized void setMessage(final String message) {
        m_message = message;
    }

    @Override
    public synchronized void setProgress(final String message) {
        setMessage(message);
    }

    @Override
    public synchronized Double getProgress() {
        return m_progress;
    }

    @Override
    public synchronized String getMessage() {
        return m_message;
    }
}
