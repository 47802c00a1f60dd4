package org.knime.deepclem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} deterministic parts of a pair list, numbered from 1 (as {@code --array=1-N} numbers a Slurm job
 * array): pair k of the list (from 0) belongs to part {@code k mod count + 1}. Round robin, so that a list sorted by
 * size or date spreads its slow pairs over all parts; every pair is in exactly one part.
 */
record Shard(int index, int count) {

    static final Shard ALL = new Shard(1, 1);
    private static final Pattern SUMMARY_NAME = Pattern.compile("summary\\.shard-(\\d{1,9})-of-(\\d{1,9})\\.csv");

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

    /** The shard that pair {@code position} (from 0, in list order) of a list split into {@code count} belongs to. */
    static Shard holding(int position, int count) {
        return new Shard(position % count + 1, count);
    }

    boolean isAll() {
        return count == 1;
    }

    /** Whether pair {@code position} (from 0, in list order) belongs to this shard. */
    boolean holds(int position) {
        return equals(holding(position, count));
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

    /** The shard whose {@link #summaryName()} {@code fileName} is, if it is a shard's summary. */
    static Optional<Shard> ofSummaryName(String fileName) {
        Matcher m = SUMMARY_NAME.matcher(fileName);
        return m.matches() ? Optional.of(new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
            : Optional.empty();
    }


    @Override
    public String toString() {
        return index + "/" + count;
    }
}
