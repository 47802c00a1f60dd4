import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the built p2 repository, the thing KNIME installs from. Run by update-site/build.sh:
 *
 * <pre>java update-site/CheckRepository.java update-site/target/repository</pre>
 *
 * It fails (exit 1, one line per problem) unless:
 * <ul>
 * <li>the repository holds our feature, the bundle and the four native fragments, nothing else;</li>
 * <li>each fragment's manifest has the host, the platform filter and the class path of its platform, and the
 * fragment holds that platform's TensorFlow native jar and nothing else;</li>
 * <li>the p2 metadata (content.jar) carries the same platform filter on each fragment and on the feature's
 * requirement of it, so that p2 installs only the machine's own fragment;</li>
 * <li>the bundle embeds exactly its Bundle-ClassPath jars, no native library, and no jar that our classes cannot
 * reach (class-level closure computed with the JDK's jdeps).</li>
 * </ul>
 * It prints the download size of each unit, the figures docs/install.md quotes.
 */
public class CheckRepository {

    /** Fragment symbolic name to {osgi.os, osgi.arch, Maven classifier of tensorflow-core-native}. */
    static final Map<String, String[]> FRAGMENTS = new LinkedHashMap<>();
    static {
        FRAGMENTS.put("org.knime.deepclem.bin.linux.x86_64", new String[]{"linux", "x86_64", "linux-x86_64"});
        FRAGMENTS.put("org.knime.deepclem.bin.linux.aarch64", new String[]{"linux", "aarch64", "linux-arm64"});
        FRAGMENTS.put("org.knime.deepclem.bin.win32.x86_64", new String[]{"win32", "x86_64", "windows-x86_64"});
        FRAGMENTS.put("org.knime.deepclem.bin.macosx.aarch64", new String[]{"macosx", "aarch64", "macosx-arm64"});
    }

    static final String HOST = "org.knime.deepclem";

    static final String FEATURE = "org.knime.deepclem.feature";

    static final String NATIVES = "org/tensorflow/internal/c_api/";

    static final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : "update-site/target/repository");
        Map<String, Path> plugins = units(repo.resolve("plugins"));
        Map<String, Path> features = units(repo.resolve("features"));
        Set<String> expected = new TreeSet<>(FRAGMENTS.keySet());
        expected.add(HOST);
        check(plugins.keySet().equals(expected), "plugins/ holds " + plugins.keySet() + ", expected " + expected);
        check(features.keySet().equals(Set.of(FEATURE)), "features/ holds " + features.keySet() + ", expected ["
            + FEATURE + "]");
        System.out.printf("%-40s %12s %14s%n", "unit", "download MB", "unpacked MB");
        for (var f : FRAGMENTS.entrySet()) {
            if (plugins.containsKey(f.getKey())) {
                checkFragment(f.getKey(), plugins.get(f.getKey()), f.getValue());
            }
        }
        if (plugins.containsKey(HOST)) {
            checkHost(plugins.get(HOST));
        }
        if (features.containsKey(FEATURE)) {
            System.out.printf("%-40s %12.1f%n", FEATURE, Files.size(features.get(FEATURE)) / 1e6);
        }
        checkMetadata(repo);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("CheckRepository: " + p));
            System.exit(1);
        }
        System.out.println("repository checked: feature, bundle and " + FRAGMENTS.size() + " native fragments");
    }

    static void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /** Symbolic name (file name up to "_version") to jar. */
    static Map<String, Path> units(Path dir) throws IOException {
        Map<String, Path> out = new HashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                out.put(n.substring(0, n.lastIndexOf('_')), p);
            }
        }
        return out;
    }

    static String header(Manifest m, String name) {
        String v = m.getMainAttributes().getValue(name);
        return v == null ? "" : v.trim();
    }

    static void checkFragment(String name, Path jar, String[] platform) throws IOException {
        String os = platform[0], arch = platform[1], classifier = platform[2];
        String lib = "lib/tensorflow-core-native-" + classifier + ".jar";
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            check(header(m, "Fragment-Host").startsWith(HOST + ";"), name + ": Fragment-Host is not " + HOST);
            check(header(m, "Eclipse-PlatformFilter").replace(" ", "")
                .equals("(&(osgi.os=" + os + ")(osgi.arch=" + arch + "))"), name + ": platform filter \""
                    + header(m, "Eclipse-PlatformFilter") + "\", expected os " + os + ", arch " + arch);
            check(header(m, "Bundle-ClassPath").equals(lib), name + ": Bundle-ClassPath is not " + lib);
            List<String> other = j.stream().map(ZipEntry::getName)
                .filter(e -> !e.startsWith("META-INF/") && !e.equals(lib) && !e.equals("lib/")).toList();
            check(other.isEmpty(), name + ": holds more than its native jar: " + other);
            ZipEntry inner = j.getEntry(lib);
            long unpacked = 0;
            if (inner == null) {
                check(false, name + ": " + lib + " is missing");
            } else {
                Set<String> platforms = new TreeSet<>();
                boolean jni = false;
                try (ZipInputStream z = new ZipInputStream(j.getInputStream(inner))) {
                    for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                        if (e.getName().startsWith(NATIVES) && !e.isDirectory()) {
                            String rest = e.getName().substring(NATIVES.length());
                            platforms.add(rest.substring(0, rest.indexOf('/')));
                            jni |= rest.contains("jnitensorflow");
                            unpacked += z.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                }
                check(platforms.equals(Set.of(classifier)), name + ": native libraries for " + platforms
                    + ", expected [" + classifier + "]");
                check(jni, name + ": no TensorFlow JNI library inside " + lib);
            }
            System.out.printf("%-40s %12.1f %14.1f%n", name, Files.size(jar) / 1e6, unpacked / 1e6);
        }
    }

    static void checkHost(Path jar) throws Exception {
        Path tmp = Files.createTempDirectory("deepclem-check");
        try (JarFile j = new JarFile(jar.toFile())) {
            Set<String> classPath = new TreeSet<>();
            for (String e : header(j.getManifest(), "Bundle-ClassPath").split(",")) {
                if (!e.trim().equals(".")) {
                    classPath.add(e.trim());
                }
            }
            Set<String> embedded = new TreeSet<>(j.stream().map(ZipEntry::getName)
                .filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).toList());
            check(classPath.equals(embedded), HOST + ": Bundle-ClassPath " + classPath + " but embedded " + embedded);
            // our classes to a folder, each embedded jar to a copy without module-info (jdeps would otherwise
            // resolve the modular jars as modules and stop at the first one whose requirement is not a module)
            Path classes = Files.createDirectories(tmp.resolve("classes"));
            List<String> jars = new ArrayList<>();
            for (ZipEntry e : j.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("lib/")) {
                    Path out = classes.resolve(e.getName());
                    Files.createDirectories(out.getParent());
                    try (InputStream in = j.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                } else if (embedded.contains(e.getName())) {
                    Path out = tmp.resolve(e.getName().substring(4));
                    jars.add(out.toString());
                    try (ZipInputStream in = new ZipInputStream(j.getInputStream(e));
                        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
                        for (ZipEntry x; (x = in.getNextEntry()) != null;) {
                            check(!(x.getName().startsWith(NATIVES) && x.getName().matches(".*\\.(so|dylib|dll)[.0-9]*")),
                                HOST + ": " + e.getName() + " holds a native library (" + x.getName()
                                    + "); natives belong to the fragments");
                            if (!x.getName().endsWith("module-info.class")) {
                                z.putNextEntry(new ZipEntry(x.getName()));
                                in.transferTo(z);
                            }
                        }
                    }
                }
            }
            Set<String> used = reachedJars(classes, jars);
            for (String e : embedded) {
                check(used.contains(e.substring(4)), HOST + ": " + e + " is embedded but no class of ours reaches it;"
                    + " drop it from the dependencies (pom.xml) and Bundle-ClassPath");
            }
            System.out.printf("%-40s %12.1f   (%d embedded jars)%n", HOST, Files.size(jar) / 1e6, embedded.size());
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The jars (file names) holding a class reachable from org.knime.deepclem's classes, by jdeps' class edges. */
    static Set<String> reachedJars(Path classes, List<String> jars) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
            "jdeps is missing: run this check with a full JDK"));
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "-verbose:class", "-filter:none",
            "-cp", String.join(java.io.File.pathSeparator, jars), classes.toString()));
        args.addAll(jars);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("jdeps failed: " + err);
        }
        Map<String, String> owner = new HashMap<>();
        Map<String, Set<String>> edges = new HashMap<>();
        String archive = null;
        for (String line : out.toString().split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (!line.startsWith(" ")) {
                archive = t[0];
            } else if (t.length >= 2 && t[1].equals("->")) {
                owner.putIfAbsent(t[0], archive);
                edges.computeIfAbsent(t[0], k -> new HashSet<>()).add(t[2]);
            }
        }
        ArrayDeque<String> todo = new ArrayDeque<>();
        owner.keySet().stream().filter(c -> c.startsWith("org.knime.deepclem.")).forEach(todo::add);
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            for (String d : edges.getOrDefault(todo.poll(), Set.of())) {
                if (owner.containsKey(d) && seen.add(d)) {
                    todo.add(d);
                }
            }
        }
        Set<String> used = new TreeSet<>();
        seen.forEach(c -> used.add(owner.get(c)));
        return used;
    }

    static void checkMetadata(Path repo) throws Exception {
        byte[] xml;
        try (ZipFile z = new ZipFile(repo.resolve("content.jar").toFile())) {
            xml = z.getInputStream(z.getEntry("content.xml")).readAllBytes();
        }
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        NodeList units = doc.getElementsByTagName("unit");
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < units.getLength(); i++) {
            Element u = (Element)units.item(i);
            byId.put(u.getAttribute("id"), u);
        }
        for (var f : FRAGMENTS.entrySet()) {
            Element u = byId.get(f.getKey());
            if (u == null) {
                check(false, "content.jar: no unit " + f.getKey());
                continue;
            }
            check(matches(filterOf(u), f.getValue()), "content.jar: unit " + f.getKey() + " has filter \""
                + filterOf(u) + "\"");
        }
        Element host = byId.get(HOST);
        check(host != null && filterOf(host).isEmpty(), "content.jar: the bundle " + HOST
            + " must exist and install on every platform");
        Element group = byId.get(FEATURE + ".feature.group");
        if (group == null) {
            check(false, "content.jar: no unit " + FEATURE + ".feature.group");
            return;
        }
        NodeList required = group.getElementsByTagName("required");
        Set<String> found = new HashSet<>();
        for (int i = 0; i < required.getLength(); i++) {
            Element r = (Element)required.item(i);
            String[] platform = FRAGMENTS.get(r.getAttribute("name"));
            if (platform != null) {
                found.add(r.getAttribute("name"));
                check(matches(filterOf(r), platform), "content.jar: the feature requires " + r.getAttribute("name")
                    + " with filter \"" + filterOf(r) + "\"");
            }
        }
        check(found.equals(FRAGMENTS.keySet()), "content.jar: the feature requires the fragments " + found);
    }

    /** The LDAP filter of a unit or requirement (a {@code filter} child element), without white space. */
    static String filterOf(Element e) {
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals("filter")) {
                return c.getTextContent().replaceAll("\\s", "");
            }
        }
        return "";
    }

    static boolean matches(String filter, String[] platform) {
        return filter.contains("(osgi.os=" + platform[0] + ")") && filter.contains("(osgi.arch=" + platform[1] + ")")
            && filter.chars().filter(c -> c == '=').count() == 2;
    }
}
