package org.knime.deepclem.p2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.deepclem.nodes.TestImages;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the inputs of the Tycho update-site build that the plain build can check without Tycho: the facade bundles
 * export exactly the stand-in's packages (else the Tycho compile sees a different API than the plain build), the
 * plugin manifest requires the real KNIME/KNIP bundle names, and the feature and category name our units only.
 */
class UpdateSiteLayoutTest {

    private final Path root = TestImages.root();

    private static Manifest manifest(final Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new Manifest(in);
        }
    }

    private static List<String> list(final String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        // split on commas outside quotes (version ranges contain commas)
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    @Test
    void facadesExportExactlyTheStandInPackages() throws IOException {
        Path src = root.resolve("knime-api-stand-in/src/main/java");
        Set<String> standIn;
        try (Stream<Path> s = Files.walk(src)) {
            standIn = s.filter(p -> p.toString().endsWith(".java"))
                .map(p -> src.relativize(p.getParent()).toString().replace('/', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> exported = new TreeSet<>();
        Path osgi = root.resolve("knime-api-stand-in/osgi");
        try (Stream<Path> s = Files.list(osgi)) {
            for (Path bundle : s.filter(Files::isDirectory).filter(p -> !p.endsWith("imglib2")).toList()) {
                Manifest m = manifest(bundle.resolve("META-INF/MANIFEST.MF"));
                assertEquals(bundle.getFileName().toString(), m.getMainAttributes().getValue("Bundle-SymbolicName"));
                for (String p : list(m.getMainAttributes().getValue("Export-Package"))) {
                    assertTrue(exported.add(p), p + " exported by two facades");
                }
            }
        }
        assertEquals(standIn, exported, "facade manifests are stale: run knime-api-stand-in/osgi/generate.sh");
        Manifest imglib2 = manifest(osgi.resolve("imglib2/META-INF/MANIFEST.MF"));
        assertTrue(list(imglib2.getMainAttributes().getValue("Export-Package")).contains("net.imglib2.img.array"));
    }

    @Test
    void pluginManifestRequiresTheRealKnimeBundles() throws IOException {
        var main = manifest(root.resolve("org.knime.deepclem/META-INF/MANIFEST.MF")).getMainAttributes();
        assertEquals("org.knime.deepclem;singleton:=true", main.getValue("Bundle-SymbolicName"));
        assertEquals("JavaSE-17", main.getValue("Bundle-RequiredExecutionEnvironment"));
        List<String> required = list(main.getValue("Require-Bundle")).stream().map(r -> r.split(";")[0]).toList();
        assertEquals(List.of("org.knime.core", "org.knime.base", "org.knime.knip.base", "org.knime.knip.core",
            "imglib2", "imagej-common", "scijava-common", "org.knime.dl", "org.knime.dl.tensorflow"), required);
        // KNIME's deep-learning integration is optional: without it the network input takes no connection
        list(main.getValue("Require-Bundle")).stream().filter(r -> r.startsWith("org.knime.dl"))
            .forEach(r -> assertTrue(r.endsWith(";resolution:=optional"), r));
        List<String> cp = list(main.getValue("Bundle-ClassPath"));
        assertEquals(".", cp.get(0));
        assertTrue(cp.contains("lib/org.tensorflow.tensorflow-core-api.jar"), cp.toString());
        assertTrue(cp.contains("lib/org.boofcv.boofcv-feature.jar"), cp.toString());
        assertFalse(cp.contains("lib/org.boofcv.boofcv-core.jar"), "the BoofCV umbrella drags in 26 unused jars");
        assertFalse(cp.stream().anyMatch(j -> j.contains("imglib2")), "imglib2 must come from KNIP's bundle");
        assertFalse(cp.stream().anyMatch(j -> j.contains("tensorflow-core-native-")), "TF natives belong to fragments");
        // every facade the build offers is a bundle the plugin may require, and vice versa (org.knime.* and KNIP)
        Set<String> facades;
        try (Stream<Path> s = Files.list(root.resolve("knime-api-stand-in/osgi"))) {
            facades = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(required), facades);
    }

    /**
     * Bundle-ClassPath names exactly the runtime jars of the plain build (the test class path less test-only and
     * compile-only artifacts, imglib2 from KNIP's bundle and the TensorFlow natives from the fragments), as p2.xml's
     * copy-dependencies embeds them ({@code lib/<groupId>.<artifactId>.jar}): a dependency added to pom.xml without its
     * manifest line (e.g. one of TwelveMonkeys' six jars) fails here, not only in the Tycho build.
     */
    @Test
    void bundleClassPathIsThePlainBuildsRuntimeJars() throws IOException {
        var main = manifest(root.resolve("org.knime.deepclem/META-INF/MANIFEST.MF")).getMainAttributes();
        Set<String> manifestJars = list(main.getValue("Bundle-ClassPath")).stream().filter(j -> !j.equals("."))
            .collect(Collectors.toCollection(TreeSet::new));
        Set<String> testOnly = Set.of("org.junit.jupiter", "org.junit.platform", "org.opentest4j", "org.apiguardian",
            "net.imagej", "net.imglib2", "org.knime.deepclem");
        Set<String> runtime = new TreeSet<>();
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String localRepo = System.getProperty("maven.repo.local");
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(e).toAbsolutePath().normalize();
            Path base = localRepo != null && jar.startsWith(Path.of(localRepo).toAbsolutePath()) ? Path.of(localRepo)
                .toAbsolutePath() : repo;
            if (!jar.toString().endsWith(".jar") || !jar.startsWith(base)) {
                continue;
            }
            Path rel = base.relativize(jar); // group/as/dirs/artifact/version/artifact-version[-classifier].jar
            int n = rel.getNameCount();
            String artifact = rel.getName(n - 3).toString(), version = rel.getName(n - 2).toString();
            String group = rel.subpath(0, n - 3).toString().replace(java.io.File.separatorChar, '.');
            boolean classified = !rel.getFileName().toString().equals(artifact + "-" + version + ".jar");
            if (!testOnly.contains(group) && !classified) {
                runtime.add("lib/" + group + "." + artifact + ".jar");
            }
        }
        assertTrue(runtime.contains("lib/com.twelvemonkeys.imageio.imageio-tiff.jar"), "class path not seen: " + runtime);
        assertEquals(runtime, manifestJars, "META-INF/MANIFEST.MF Bundle-ClassPath vs the runtime dependencies");
    }

    @Test
    void featureAndCategoryShipOurUnitsOnly() throws Exception {
        var f = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(root.resolve("org.knime.deepclem.feature/feature.xml").toFile());
        NodeList plugins = f.getElementsByTagName("plugin");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element)plugins.item(i);
            ids.add(p.getAttribute("id"));
            if (!p.getAttribute("id").equals("org.knime.deepclem")) {
                checkFragment(p);
            }
        }
        assertEquals(List.of("org.knime.deepclem", "org.knime.deepclem.bin.linux.x86_64",
            "org.knime.deepclem.bin.linux.aarch64", "org.knime.deepclem.bin.win32.x86_64",
            "org.knime.deepclem.bin.macosx.aarch64"), ids);
        assertEquals(0, f.getElementsByTagName("includes").getLength(), "the feature must not include KNIME features");
        var c = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(root.resolve("update-site/category.xml").toFile());
        assertEquals(1, c.getElementsByTagName("feature").getLength());
        assertEquals("org.knime.deepclem.feature",
            ((Element)c.getElementsByTagName("feature").item(0)).getAttribute("id"));
        assertEquals(0, c.getElementsByTagName("bundle").getLength(), "no loose bundles in the site");
        assertTrue(Arrays.asList(Files.readString(root.resolve(".gitignore")).split("\n"))
            .contains("/org.knime.deepclem.bin.*/lib/"), "the 130-250 MB native jars must stay out of git");
    }

    /**
     * A native fragment in the feature: its folder is a module of p2.xml, its manifest's platform filter is the
     * feature entry's os/arch, and its class path is the jar of the Maven classifier its pom names.
     */
    private void checkFragment(final Element p) throws IOException {
        String id = p.getAttribute("id");
        assertEquals("true", p.getAttribute("fragment"), id);
        assertTrue(id.equals("org.knime.deepclem.bin." + p.getAttribute("os") + "." + p.getAttribute("arch")), id);
        assertTrue(Files.readString(root.resolve("p2.xml")).contains("<module>" + id + "</module>"), id);
        var m = manifest(root.resolve(id + "/META-INF/MANIFEST.MF")).getMainAttributes();
        assertEquals(id, m.getValue("Bundle-SymbolicName"));
        assertTrue(m.getValue("Fragment-Host").startsWith("org.knime.deepclem;"), id);
        assertEquals("(& (osgi.os=" + p.getAttribute("os") + ") (osgi.arch=" + p.getAttribute("arch") + "))",
            m.getValue("Eclipse-PlatformFilter"), id);
        String pom = Files.readString(root.resolve(id + "/pom.xml"));
        String classifier = pom.replaceAll("(?s).*<tf.native.classifier>(.*)</tf.native.classifier>.*", "$1");
        assertEquals("lib/tensorflow-core-native-" + classifier + ".jar", m.getValue("Bundle-ClassPath"), id);
        assertTrue(Files.readString(root.resolve(id + "/build.properties"))
            .contains("lib/tensorflow-core-native-" + classifier + ".jar"), id);
    }
}
