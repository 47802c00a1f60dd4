package org.knime.deepclem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.engine.predict.VirtualChromatinModel.UnpackedModel;

/**
 * A command's model, loaded in two halves so that TensorFlow neither runs nor logs before the command's inputs are
 * read and checked: {@link #start} unpacks the model in the background while the command reads its inputs, and loads
 * TensorFlow's native library there too when that is silent ({@link #nativeLoadIsSilent()}); {@link #get()}, called
 * once the inputs are good, starts TensorFlow on the model. A bad input thus ends the command with its one line and
 * nothing of TensorFlow's before it, and the reading still overlaps the slow part of the load (register on the demo
 * pair is as fast as when the whole load ran beside the reading: docs/reliability.md, section 6).
 */
final class ModelLoad implements AutoCloseable {

    private final CompletableFuture<UnpackedModel> files;
    private VirtualChromatinModel model;
    private Throwable failure;
    private boolean closed;

    private ModelLoad(CompletableFuture<UnpackedModel> files) {
        this.files = files;
    }

    /** Starts the half of loading that TensorFlow does not see, on its own thread. */
    static ModelLoad start(ModelOption option) {
        boolean preloadNative = nativeLoadIsSilent();
        return new ModelLoad(CompletableFuture.supplyAsync(() -> {
            try {
                UnpackedModel f = option.prepare();
                if (preloadNative) {
                    try {
                        VirtualChromatinModel.loadNativeLibrary();
                    } catch (RuntimeException | Error e) {
                        f.close();
                        throw e;
                    }
                }
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            // its own thread: the common pool (one worker on two cores) belongs to the registration
            Thread t = new Thread(task, "deepclem-model-load");
            t.setDaemon(true);
            t.start();
        }));
    }

    /**
     * Whether TensorFlow's native library loads without a line on stderr: only when {@code TF_CPP_MIN_LOG_LEVEL} is
     * 2 or more (the launcher's default), else it logs as it loads. Running the model logs regardless (TensorFlow's
     * absl lines), so {@link #get()} always waits for the caller.
     */
    static boolean nativeLoadIsSilent() {
        String level = System.getenv("TF_CPP_MIN_LOG_LEVEL");
        try {
            return level != null && Integer.parseInt(level.strip()) >= 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The model, opened on the first call (TensorFlow starts here: call it only once the inputs are good); every
     * later call returns it, or throws the first call's failure again. Thread-safe.
     *
     * @throws IOException the model is missing, damaged or of an unsupported kind
     * @throws CancellationException the calling thread was interrupted while the model was being unpacked
     */
    synchronized VirtualChromatinModel get() throws IOException {
        if (closed) {
            throw new IllegalStateException("model load closed");
        }
        if (model != null) {
            return model;
        }
        if (failure == null) {
            try {
                model = prepared().open();
                return model;
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
        }
        return rethrow(failure);
    }

    private UnpackedModel prepared() throws IOException {
        try {
            return files.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the model was being loaded");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            return rethrow(cause);
        }
    }

    private static <T> T rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * Closes the model, or, when it was never opened, waits for the background half and deletes the unpacked files:
     * exiting while TensorFlow's library loads can crash the JVM.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (model != null) {
            model.close();
            return;
        }
        boolean interrupted = Thread.interrupted(); // the wait must not be cut short by an interrupt
        try {
            files.handle((f, error) -> f).join();
            UnpackedModel f = files.getNow(null);
            if (f != null) {
                f.close();
            }
        } catch (RuntimeException failed) {
            // the background half failed: nothing to delete, and the failure was (or is) reported by get()
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
