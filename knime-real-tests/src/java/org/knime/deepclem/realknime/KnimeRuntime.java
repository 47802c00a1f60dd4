package org.knime.deepclem.realknime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.spi.RegistryContributor;
import org.eclipse.core.runtime.spi.RegistryStrategy;
import org.eclipse.core.runtime.ContributorFactorySimple;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * Starts KNIME's real core on a plain class path, once per JVM, as the knime-real kit's README prescribes: an Equinox
 * extension registry in non-OSGi mode holding the kit's plugin.xml files (org.knime.core, the node-repository
 * extension points), DeepCLEM's plugin.xml (our five nodes), the KNIP stand-in's (the image cell serializer) and
 * this stage's own (its test-only node), and a handler for {@code knime:} URLs. Then {@code WorkflowManager.ROOT} is touched so that KNIME initialises its
 * logging before any node logger exists.
 *
 * <p>
 * System properties (set by knime-real-tests/run.sh): {@code knime.real.plugins} (the kit's plugins/ folder),
 * {@code deepclem.root} (the repository root).
 */
public final class KnimeRuntime {

    private static boolean s_started;

    private KnimeRuntime() {
    }

    /** The plugin.xml files contributed to the registry, with their bundle ids. */
    private record Contribution(String bundle, Path pluginXml) {
    }

    public static synchronized void start() {
        if (s_started) {
            return;
        }
        s_started = true;
        try {
            Object userToken = new Object();
            IExtensionRegistry registry = createRegistry(userToken);
            for (Contribution c : contributions()) {
                try (InputStream in = Files.newInputStream(c.pluginXml())) {
                    if (!registry.addContribution(in, ContributorFactorySimple.createContributor(c.bundle()), false,
                        c.pluginXml().toString(), null, userToken)) {
                        throw new IllegalStateException("registry refused " + c.pluginXml());
                    }
                }
            }
        } catch (IOException | org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException("cannot start the KNIME extension registry: " + e.getMessage(), e);
        }
        KnimeUrls.install();
        WorkflowManager.ROOT.getName(); // runs KNIME's early-startup hooks (logging) before any node logger
        settleLookAndFeel();
    }

    /**
     * Loading NodeDialogPane makes KNIME set Swing's look and feel, later, on the event thread (ViewUtils
     * .setLookAndFeel). KNIME AP builds dialogs on that thread, after it; the tests build them on their own thread,
     * and a dialog built during the switch gets a label without font. So: switch first, then wait for it.
     */
    private static void settleLookAndFeel() {
        try {
            Class.forName("org.knime.core.node.NodeDialogPane", true, KnimeRuntime.class.getClassLoader());
            javax.swing.SwingUtilities.invokeAndWait(() -> {
                // queued after KNIME's look-and-feel switch
            });
        } catch (ClassNotFoundException | java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IExtensionRegistry createRegistry(final Object userToken) throws org.eclipse.core.runtime.CoreException {
        RegistryStrategy strategy = new RegistryStrategy(null, null) {
            @Override
            public Object createExecutableExtension(final RegistryContributor contributor, final String className,
                final String overriddenContributorName) throws org.eclipse.core.runtime.CoreException {
                try {
                    return Class.forName(className).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new org.eclipse.core.runtime.CoreException(new org.eclipse.core.runtime.Status(
                        IStatus.ERROR, contributor.getActualName(), "cannot create " + className, e));
                }
            }

            @Override
            public void log(final IStatus status) {
                if (status.getSeverity() >= IStatus.WARNING) {
                    System.err.println("[extension registry] " + status);
                }
            }
        };
        IExtensionRegistry registry = RegistryFactory.createRegistry(strategy, new Object(), userToken);
        RegistryFactory.setDefaultRegistryProvider(() -> registry);
        return registry;
    }

    private static List<Contribution> contributions() throws IOException {
        List<Contribution> out = new ArrayList<>();
        Path plugins = Paths.get(required("knime.real.plugins"));
        try (var dirs = Files.list(plugins)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("plugin.xml"))) {
                    out.add(new Contribution(d.getFileName().toString(), d.resolve("plugin.xml")));
                }
            }
        }
        Path root = repositoryRoot();
        out.add(new Contribution("org.knime.deepclem", root.resolve("org.knime.deepclem/plugin.xml")));
        out.add(new Contribution("org.knime.knip.base", root.resolve("knime-api-stand-in/knip-plugin.xml")));
        out.add(new Contribution("org.knime.deepclem.realknime", root.resolve("knime-real-tests/plugin.xml")));
        return out;
    }

    /** The repository root (system property deepclem.root). */
    public static Path repositoryRoot() {
        return Paths.get(required("deepclem.root")).toAbsolutePath().normalize();
    }

    private static String required(final String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run knime-real-tests/run.sh)");
        }
        return v;
    }

    /** Whether a class of the running KNIME exists (e.g. to tell 5.4 from 5.12). */
    static boolean hasClass(final String name) {
        try {
            Class.forName(name, false, KnimeRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

}
