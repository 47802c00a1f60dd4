package org.knime.deepclem.engine.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.engine.geometry.Affine2D;

/** The pose search is shared by the threads of a registration (and of a batch): it must not share mutable state. */
class PoseSearchTest {

    private static ScaledPlane noise(int w, int h, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextFloat();
        }
        return new ScaledPlane(px, w, h, Affine2D.IDENTITY);
    }

    @Test
    void anInterruptedSearchLogsNoStackTrace() {
        // a 512x512 canvas: big enough for JTransforms to use its own thread pool, whose wait for its tasks, on an
        // interrupted thread, logged an InterruptedException with its stack trace (seen when a batch was interrupted)
        PoseSearch search = new PoseSearch(noise(256, 256, 1), noise(300, 300, 2));
        List<LogRecord> logged = new ArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jtransforms = Logger.getLogger("org.jtransforms");
        jtransforms.addHandler(collect);
        try {
            Thread.currentThread().interrupt();
            // one pose: the stream runs it on this (interrupted) thread
            search.search(new double[] {0}, new double[] {1}, 2, 0.1);
        } finally {
            Thread.interrupted();
            jtransforms.removeHandler(collect);
        }
        assertEquals(List.of(), logged.stream().map(LogRecord::getThrown).toList());
    }

    @Test
    void concurrentSearchesGiveTheSequentialAnswer() throws Exception {
        // a 64x64 fixed and a 90x90 moving plane at scale 1 correlate on a 128x128 canvas: a power-of-two size, whose
        // FFT plans are not thread-safe in JTransforms
        PoseSearch search = new PoseSearch(noise(64, 64, 1), noise(90, 90, 2));
        double[] angles = {0, Math.PI};
        double[] scales = {1};
        List<PoseSearch.Candidate> expected = search.search(angles, scales, 2, 0.1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<PoseSearch.Candidate>>> runs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                runs.add(pool.submit(() -> search.search(angles, scales, 2, 0.1)));
            }
            for (Future<List<PoseSearch.Candidate>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
