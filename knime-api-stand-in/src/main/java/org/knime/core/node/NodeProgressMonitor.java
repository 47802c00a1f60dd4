package org.knime.core.node;

import java.util.function.Supplier;

/** Stand-in of org.knime.core.node.NodeProgressMonitor. */
public interface NodeProgressMonitor {

    void checkCanceled() throws CanceledExecutionException;

    void setProgress(double progress);

    void setProgress(double progress, String message);

    default void setProgress(final double progress, final Supplier<String> message) {
        setProgress(progress, message.get());
    }

    void setMessage(String message);

    default void setMessage(final Supplier<String> message) {
        setMessage(message.get());
    }

    void setProgress(String message);

    Double getProgress();

    String getMessage();

    void setExecuteCanceled();

    void reset();
}
