package org.knime.deepclem.engine.predict;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;

/**
 * Whether TensorFlow's native libraries for this machine are installed, asked before anything loads them: on a
 * platform without them, prediction and training stop with one message that names the platform, and everything
 * else (preprocessing, registration of given images, applying transforms) still works. In KNIME the libraries come
 * from the platform fragment {@code org.knime.deepclem.bin.<os>.<arch>}; for {@code ./deepclem} from the Maven profile
 * of the build machine.
 */
public final class TensorFlowNatives {

    /** JavaCPP platforms that TensorFlow Java 1.1.0 publishes natives for, each shipped as a fragment. */
    public static final List<String> SHIPPED = List.of("linux-x86_64", "linux-arm64", "windows-x86_64", "macosx-arm64");

    private TensorFlowNatives() {
    }

    /** This machine's platform as JavaCPP names it (the folder it loads the libraries from), e.g. linux-x86_64. */
    public static String platform() {
        return Loader.getPlatform();
    }

    /**
     * Why TensorFlow cannot run here, or empty when its JNI library for this platform is on the class path. Reads
     * nothing but a resource name: no native code is loaded.
     */
    public static Optional<String> missing() {
        String platform = platform();
        String jni = platform.startsWith("windows") ? "jnitensorflow.dll"
            : platform.startsWith("macosx") ? "libjnitensorflow.dylib" : "libjnitensorflow.so";
        if (TensorFlowNatives.class.getClassLoader()
            .getResource("org/tensorflow/internal/c_api/" + platform + "/" + jni) != null) {
            return Optional.empty();
        }
        String what = "TensorFlow's native libraries for " + platform + " are not installed, so virtual chromatin "
            + "cannot be predicted or trained here";
        String rest = "; preprocessing, registration of given virtual chromatin and Apply CLEM Transform work without "
            + "them.";
        if (SHIPPED.contains(platform)) {
            return Optional.of(what + ": install \"DeepCLEM for KNIME\" again from its update site (which adds its "
                + platform + " fragment), or build ./deepclem on this machine" + rest);
        }
        return Optional.of(what + ": TensorFlow Java publishes them only for " + String.join(", ", SHIPPED)
            + rest);
    }

    /** Throws the {@link #missing()} message when TensorFlow cannot run on this machine. */
    public static void requireInstalled() throws IOException {
        Optional<String> m = missing();
        if (m.isPresent()) {
            throw new IOException(m.get());
        }
    }
}
