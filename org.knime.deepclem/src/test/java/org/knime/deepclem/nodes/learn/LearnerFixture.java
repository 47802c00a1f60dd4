package org.knime.deepclem.nodes.learn;

import java.nio.file.Path;

/** A tiny model trained by the learner node, for tests of the nodes that load models. */
public final class LearnerFixture {

    private LearnerFixture() {
    }

    /** Trains for a few steps on synthetic pairs and returns the written model zip. */
    public static Path trainTinyModel(final Path zip) throws Exception {
        ClemNetworkLearnerNodeModelTest.tinyLearner(zip).execute(ClemNetworkLearnerNodeModelTest.pairs(3));
        return zip;
    }
}
