package org.knime.core.node;

/** Stand-in of org.knime.core.node.NodeProgressMonitor. */
public interface NodeProgressMonitor {

    void checkCanceled() throws CanceledExecutionException;

    void setProgress(double progress);

    void setProgress(double progress, String message);

    void setMessage(String message);

    void setProgress(String message);

    Double getProgress();

    String getMessage();

    void setExecuteCanceled();

    void reset();
}
