package org.knime.deepclem.engine.registration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock seconds spent per named stage of a registration, for benchmarks and logs. Not thread-safe: one clock per
 * registration call. {@link #NONE} ignores everything.
 */
public class StageClock {

    /** A clock that records nothing. */
    public static final StageClock NONE = new StageClock() {
        @Override
        public void add(String stage, long startNanos) {
            // ignored
        }
    };

    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} (a {@link System#nanoTime()} value) to {@code stage}. */
    public void add(String stage, long startNanos) {
        seconds.merge(stage, (System.nanoTime() - startNanos) / 1e9, Double::sum);
    }

    /** Seconds per stage, in the order the stages first occurred. */
    public Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }
}
