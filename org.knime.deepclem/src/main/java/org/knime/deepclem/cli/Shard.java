package org.knime.deepclem.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code count} deterministic parts of a pair list, numbered from 1 (as {@code --array=1-N} numbers a Slurm job
 * array): pair k of the list (from 0) belongs to part {@code k mod count + 1}. Round robin, so that a list sorted by
 * size or date spreads its slow pairs over all parts; every pair is in exactly one part.
 */
record Shard(int index, int count) {

    static final Shard ALL = new Shard(1, 1);

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": shards are numbered 1 to N, e.g. "
                + "--shard 1/4 ... --shard 4/4 (a Slurm array for it: --array=1-4)");
        }
    }

    /** Parses "I/N". */
    static Shard parse(String spec) {
        String[] parts = spec.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new IllegalArgumentException("--shard '" + spec + "': expected I/N, shard I of N (1 <= I <= N), e.g. "
            + "--shard 2/8 or --shard $SLURM_ARRAY_TASK_ID/8");
    }

    boolean isAll() {
        return count == 1;
    }

    /** Whether pair {@code position} (from 0, in list order) belongs to this shard. */
    boolean holds(int position) {
        return position % count == index - 1;
    }

    <T> List<T> select(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (holds(k)) {
                mine.add(all.get(k));
            }
        }
        return mine;
    }

    /** The shard's own summary file: shards share the output folder, so each writes its own. */
    String summaryName() {
        return isAll() ? BatchSummary.FILE : "summary.shard-" + index + "-of-" + count + ".csv";
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
