package org.knime.deepclem.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.knime.deepclem.engine.predict.VirtualChromatinModel;

import picocli.CommandLine.Option;

/** {@code --model}: a SavedModel zip or folder; the bundled default model when absent (a picocli mixin). */
final class ModelOption {

    @Option(names = "--model", paramLabel = "M", description = "virtual chromatin model: a SavedModel .zip or folder "
        + "(CSBDeep format); default: the model bundled with DeepCLEM")
    Path model;

    /** The model's files, unpacked and checked, without starting TensorFlow ({@link ModelLoad}). */
    VirtualChromatinModel.UnpackedModel prepare() throws IOException {
        return model == null ? VirtualChromatinModel.prepareDefault() : VirtualChromatinModel.prepare(model);
    }
}
