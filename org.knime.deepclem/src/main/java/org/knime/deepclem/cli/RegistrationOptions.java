package org.knime.deepclem.cli;

import org.knime.deepclem.engine.io.Overlay;
import org.knime.deepclem.engine.registration.MirrorSearch;
import org.knime.deepclem.engine.registration.Registration;
import org.knime.deepclem.engine.registration.RegistrationMethod;
import org.knime.deepclem.engine.registration.TransformModel;
import org.knime.deepclem.engine.transform.Interpolation;

import picocli.CommandLine.Option;

/** Options shared by align, register and batch (a picocli mixin). */
final class RegistrationOptions {

    @Option(names = "--transform-model", paramLabel = "MODEL", defaultValue = "similarity",
        description = "translation, rigid, similarity or affine (default: ${DEFAULT-VALUE})")
    String transformModel;

    @Option(names = "--method", paramLabel = "METHOD",
        description = "features, correlation or auto = features, then correlation if they fail (default: correlation "
            + "for register and batch, whose virtual chromatin is too blurred for features; auto for align)")
    String method;

    @Option(names = "--interpolation", paramLabel = "MODE", defaultValue = "linear",
        description = "nearest, linear or cubic, for the registered images (default: ${DEFAULT-VALUE})")
    String interpolation;

    @Option(names = "--overlay-colour", paramLabel = "COLOUR", defaultValue = "blue",
        description = "colour of the chromatin in overlay.png (default: ${DEFAULT-VALUE})")
    String overlayColour;

    @Option(names = "--mirror", description = "also try the LM (moving) image mirrored left-right, for sections the "
        + "two microscopes see from opposite sides; about doubles the registration time. A mirrored result has a "
        + "negative determinant and \"mirrored\": true in transform.json")
    boolean mirror;

    @Option(names = "--overwrite", description = "replace existing output files")
    boolean overwrite;

    TransformModel transformModel() {
        return TransformModel.fromId(transformModel);
    }

    /** The chosen method, or {@code fallback} when none was given. */
    RegistrationMethod method(RegistrationMethod fallback) {
        return method == null ? fallback : RegistrationMethod.fromId(method);
    }

    /** The registration of the chosen method ({@code fallback} when none was given), with --mirror when asked. */
    Registration registration(RegistrationMethod fallback) {
        Registration r = method(fallback).create();
        return mirror ? new MirrorSearch(r) : r;
    }

    Interpolation interpolation() {
        return Interpolation.fromId(interpolation);
    }

    Overlay.Colour overlayColour() {
        return Overlay.Colour.fromId(overlayColour);
    }
}
