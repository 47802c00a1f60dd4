package org.knime.deepclem.evaluation;

import java.util.List;

import org.knime.deepclem.engine.io.PixelSize;
import org.knime.deepclem.engine.predict.VirtualChromatinPredictor;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Experiment (issue 14, precision): the prediction averaged over several models trained alike but from different
 * seeds, so that what one training run happened to learn about a region counts less. Members must share the working
 * scale (same training settings), so that their predictions share one pixel grid.
 */
final class ModelEnsemble implements VirtualChromatinPredictor {

    private final List<VirtualChromatinPredictor> members;

    ModelEnsemble(List<? extends VirtualChromatinPredictor> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.members = List.copyOf(members);
    }

    @Override
    public ArrayImg<FloatType, FloatArray> predictAtWorkingScale(RandomAccessibleInterval<? extends RealType<?>> em) {
        ArrayImg<FloatType, FloatArray> mean = members.get(0).predictAtWorkingScale(em);
        float[] sum = mean.update(null).getCurrentStorageArray();
        for (VirtualChromatinPredictor m : members.subList(1, members.size())) {
            ArrayImg<FloatType, FloatArray> p = m.predictAtWorkingScale(em);
            if (p.dimension(0) != mean.dimension(0) || p.dimension(1) != mean.dimension(1)) {
                throw new IllegalStateException("ensemble members predict at different working scales");
            }
            float[] term = p.update(null).getCurrentStorageArray();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += term[i];
            }
        }
        float inv = 1f / members.size();
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= inv;
        }
        return mean;
    }

    @Override
    public VirtualChromatinPredictor forEmPixelSize(PixelSize emPixelSize, PixelSize trained) {
        return new ModelEnsemble(members.stream().map(m -> m.forEmPixelSize(emPixelSize, trained)).toList());
    }
}
