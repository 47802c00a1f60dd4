package org.knime.deepclem.nodes.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.NodeHarness;
import org.knime.deepclem.engine.predict.TensorFlowNatives;
import org.knime.deepclem.engine.predict.VirtualChromatinModel;
import org.knime.deepclem.nodes.learn.ClemNetworkLearnerNodeFactory;
import org.knime.deepclem.nodes.predict.VirtualChromatinPredictorNodeFactory;
import org.knime.deepclem.nodes.register.ClemRegistrationNodeFactory;
import org.knime.knip.base.data.img.ImgPlusCell;

/**
 * A KNIME installation on a platform without TensorFlow natives (an Intel Mac; or a shipped platform whose fragment
 * is missing): the nodes that predict or train fail at configure with one message naming the platform, their
 * settings still load, and registration of given images configures as usual. Each case runs in a child JVM with
 * JavaCPP's own system property {@code org.bytedeco.javacpp.platform} (JavaCPP keeps the first platform it reads for
 * the life of the JVM). Settings are edited by their stored keys and values, the names saved in workflows.
 */
class TensorFlowPlatformTest {

    private static final String RESULT = "result: ";

    @TempDir
    Path m_dir;

    /** Child JVM: one line per node (or engine call), "ok" or the message it refused with. */
    public static void main(final String[] args) throws Exception {
        startTestRuntime(); // before any KNIME class initialises
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("EM", ImgPlusCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Chromatin", ImgPlusCell.TYPE).createSpec());
        NodeHarness predictor = new NodeHarness(new VirtualChromatinPredictorNodeFactory());
        System.out.println(RESULT + "predictor: " + outcome(() -> predictor.configure(spec)));
        NodeHarness register = new NodeHarness(new ClemRegistrationNodeFactory());
        register.editSettings(s -> s.addString("input_mode", "Virtual chromatin and measured chromatin"));
        System.out.println(RESULT + "register given images: " + outcome(() -> register.configure(spec)));
        register.editSettings(s -> s.addString("input_mode", "EM and measured chromatin (predict inside)"));
        System.out.println(RESULT + "register predicting: " + outcome(() -> register.configure(spec)));
        NodeHarness learner = new NodeHarness(new ClemNetworkLearnerNodeFactory());
        learner.editSettings(s -> s.addString("output_path", Path.of(args[0], "m.zip").toString()));
        System.out.println(RESULT + "learner: " + outcome(() -> learner.configure(spec)));
        System.out.println(RESULT + "engine: " + outcome(() -> VirtualChromatinModel.loadDefault().close()));
        System.out.flush();
        System.exit(0); // a started KNIME core keeps non-daemon threads
    }

    /**
     * Starts what the test platform starts before the first test (the real-KNIME stage starts KNIME's core through a
     * JUnit LauncherSessionListener service); nothing on the stand-in. By reflection: the launcher API is on the
     * class path at run time only.
     */
    private static void startTestRuntime() throws Exception {
        Class<?> listener;
        try {
            listener = Class.forName("org.junit.platform.launcher.LauncherSessionListener");
        } catch (ClassNotFoundException e) {
            return;
        }
        for (Object l : java.util.ServiceLoader.load(listener)) {
            listener.getMethod("launcherSessionOpened", Class.forName("org.junit.platform.launcher.LauncherSession"))
                .invoke(l, (Object)null);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String outcome(final Step step) {
        try {
            step.run();
            return "ok";
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private List<String> runAs(final String platform) throws Exception {
        Path out = m_dir.resolve("out.txt");
        // the parent's JVM options (the real-KNIME stage's --add-opens and -D settings) and JavaCPP's platform
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.addAll(List.of("-Dorg.bytedeco.javacpp.platform=" + platform, "-cp",
            System.getProperty("java.class.path"), TensorFlowPlatformTest.class.getName(), m_dir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        assertEquals(0, p.exitValue(), Files.readString(out));
        // KNIME's core logs its own start-up lines into the same output
        return new ArrayList<>(Files.readAllLines(out).stream().filter(l -> l.startsWith(RESULT))
            .map(l -> l.substring(RESULT.length())).toList());
    }

    private static void assertOnlyTensorFlowNodesRefuse(final List<String> lines, final String message) {
        assertEquals(List.of("predictor: " + message, "register given images: ok", "register predicting: " + message,
            "learner: " + message, "engine: " + message), lines);
    }

    @Test
    void thisMachineHasItsNatives() {
        assertEquals(Optional.empty(), TensorFlowNatives.missing(), TensorFlowNatives.platform());
    }

    @Test
    void anIntelMacIsToldWhichPlatformsHaveNatives() throws Exception {
        String m = "TensorFlow's native libraries for macosx-x86_64 are not installed, so virtual chromatin cannot be "
            + "predicted or trained here: TensorFlow Java publishes them only for linux-x86_64, linux-arm64, "
            + "windows-x86_64, macosx-arm64; preprocessing, registration of given virtual chromatin and Apply CLEM "
            + "Transform work without them.";
        assertOnlyTensorFlowNodesRefuse(runAs("macosx-x86_64"), m);
    }

    @Test
    void aShippedPlatformWithoutItsFragmentIsToldToReinstall() throws Exception {
        String other = TensorFlowNatives.platform().equals("linux-arm64") ? "windows-x86_64" : "linux-arm64";
        String m = "TensorFlow's native libraries for " + other + " are not installed, so virtual chromatin cannot be "
            + "predicted or trained here: install \"DeepCLEM for KNIME\" again from its update site (which adds its "
            + other + " fragment), or build ./deepclem on this machine; preprocessing, registration of given virtual "
            + "chromatin and Apply CLEM Transform work without them.";
        assertOnlyTensorFlowNodesRefuse(runAs(other), m);
    }
}
