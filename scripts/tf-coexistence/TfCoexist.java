import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Experiment for scripts/tf-coexistence/run.sh: can KNIME's TF1 runtime (libtensorflow 1.13.1 +
 * libtensorflow_jni 1.13.1) and TensorFlow Java 1.1.0 (tensorflow-core-api/-native 1.1.0, JavaCPP) live in
 * ONE JVM?
 *
 * <p>Each runtime gets its own URLClassLoader whose parent is the platform class loader, the way KNIME's
 * OSGi bundles each have their own loader, so both define their own org.tensorflow.Graph / Session / Tensor.
 * This file compiles against nothing: every TensorFlow call goes through reflection.
 *
 * <p>Usage: {@code java TfCoexist <tf1-jar-dir> <tfjava-jar-dir> step...} where a step is {@code tf1} or
 * {@code tfj}. The first step ("load") of a runtime loads it, builds {@code y = x * 3.0} (x a float Placeholder), opens
 * a Session and runs it with x = 2.0. A later step ("again") of the same runtime runs the FIRST session again (after the
 * other runtime has been loaded in between) and then builds and runs a fresh graph + session.
 *
 * <p>SavedModel steps (system property {@code savedmodel.dir}): {@code tfjexport} exports that graph with
 * TF Java 1.1.0 as a SavedModel (tag "serve", signature "serving_default": x -> y); {@code tf1sm} loads it with
 * TF 1.13.1's {@code SavedModelBundle.load(dir, "serve")} and runs feed "x" / fetch "y" on the bundle's session;
 * {@code tfjsm} loads it with TF Java 1.1.0's {@code SavedModelBundle.load(dir, "serve")} and calls
 * {@code bundle.function("serving_default")}, the way the DeepCLEM node runs its models. Their "again" step
 * runs the first bundle again, then loads a second bundle, runs and closes it.
 *
 * <p>Prints one "STEP ..." line per step (flushed at once, so a native crash still leaves the earlier lines),
 * then "MAPPED ..." (the TensorFlow shared objects mapped into this process) and "DONE".
 */
public final class TfCoexist {

    /** One runtime behind its own class loader. */
    interface Runtime {
        String name();

        /** Loads the runtime, builds graph + session, runs it; returns "value version=...". */
        String first() throws Exception;

        /** Runs the first session again, then a fresh graph + session; returns both values. */
        String again() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: [-Dsavedmodel.dir=DIR] TfCoexist <tf1-jar-dir> <tfjava-jar-dir>"
                    + " (tf1|tfj|tf1sm|tfjsm|tfjexport)...");
            System.exit(2);
        }
        ClassLoader tf1Loader = loader(args[0]);
        ClassLoader tfjLoader = loader(args[1]);
        Runtime tf1 = new Tf1Runtime(tf1Loader);
        Runtime tfj = new TfJavaRuntime(tfjLoader);
        String savedModel = System.getProperty("savedmodel.dir", "");
        Runtime tf1sm = new Tf1SavedModel(tf1Loader, savedModel);
        Runtime tfjsm = new TfJavaSavedModel(tfjLoader, savedModel);
        List<String> seen = new ArrayList<>();
        int failures = 0;
        for (int i = 2; i < args.length; i++) {
            Runtime rt = switch (args[i]) {
                case "tf1" -> tf1;
                case "tfj" -> tfj;
                case "tf1sm" -> tf1sm;
                case "tfjsm" -> tfjsm;
                case "tfjexport" -> new TfJavaExport(tfjLoader, savedModel);
                default -> throw new IllegalArgumentException("unknown step " + args[i]);
            };
            boolean isFirst = !seen.contains(rt.name());
            seen.add(rt.name());
            String what = isFirst ? "load" : "again";
            System.out.println("BEGIN " + rt.name() + " " + what);
            System.out.flush();
            try {
                String r = isFirst ? rt.first() : rt.again();
                System.out.println("STEP " + rt.name() + " " + what + ": OK " + r);
            } catch (Throwable t) {
                failures++;
                Throwable c = unwrap(t);
                System.out.println("STEP " + rt.name() + " " + what + ": FAIL " + c);
                c.printStackTrace(System.out);
            }
            System.out.flush();
        }
        System.out.println("MAPPED " + mappedTensorFlowLibraries());
        System.out.println("DONE failures=" + failures);
        System.out.flush();
        System.exit(failures == 0 ? 0 : 3);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static URLClassLoader loader(String dir) throws Exception {
        File[] jars = new File(dir).listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no jars in " + dir);
        }
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toURI().toURL();
        }
        return new URLClassLoader(dir, urls, ClassLoader.getPlatformClassLoader());
    }

    /**
     * The TensorFlow / JavaCPP shared objects currently mapped into this process, as basename@where (where =
     * java.io.tmpdir for TF 1.13.1's extracted copies, ~/.javacpp for JavaCPP's cache, else the folder).
     */
    private static String mappedTensorFlowLibraries() {
        TreeSet<String> libs = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String base = path.substring(path.lastIndexOf('/') + 1);
                if (base.contains("tensorflow") || base.contains("jnijavacpp")) {
                    String tmp = System.getProperty("java.io.tmpdir");
                    String where = path.startsWith(tmp) ? "java.io.tmpdir"
                            : path.contains("/.javacpp/") ? "~/.javacpp" : path.substring(0, slash > 0 ? path.lastIndexOf('/') : 0);
                    libs.add(base + "@" + where);
                }
            }
        } catch (Exception e) {
            return "? (" + e + ")";
        }
        return String.join(",", libs);
    }

    // ---------------------------------------------------------------------------------------------
    // KNIME's TF1 runtime: org.tensorflow:libtensorflow:1.13.1 + libtensorflow_jni:1.13.1
    // ---------------------------------------------------------------------------------------------
    static final class Tf1Runtime extends Probe {
        Tf1Runtime(ClassLoader cl) {
            super(cl, "tf1.13.1", "session");
        }

        /** Builds x(Placeholder float) * 3.0 as "y" and returns a new Session on it. */
        @Override
        Object open() throws Exception {
            Class<?> graphC = c("org.tensorflow.Graph");
            Class<?> builderC = c("org.tensorflow.OperationBuilder");
            Class<?> opC = c("org.tensorflow.Operation");
            Class<?> outputC = c("org.tensorflow.Output");
            Class<?> tensorC = c("org.tensorflow.Tensor");
            Class<?> dtC = c("org.tensorflow.DataType");
            Object floatT = dtC.getField("FLOAT").get(null);
            Method opBuilder = graphC.getMethod("opBuilder", String.class, String.class);
            Method setDType = builderC.getMethod("setAttr", String.class, dtC);
            Method setTensor = builderC.getMethod("setAttr", String.class, tensorC);
            Method addInput = builderC.getMethod("addInput", outputC);
            Method build = builderC.getMethod("build");
            Method output = opC.getMethod("output", int.class);

            Object g = graphC.getConstructor().newInstance();
            Object b = opBuilder.invoke(g, "Placeholder", "x");
            setDType.invoke(b, "dtype", floatT);
            Object x = output.invoke(build.invoke(b), 0);

            Object three = tensorC.getMethod("create", Object.class).invoke(null, 3.0f);
            b = opBuilder.invoke(g, "Const", "c");
            setDType.invoke(b, "dtype", floatT);
            setTensor.invoke(b, "value", three);
            Object c3 = output.invoke(build.invoke(b), 0);
            ((AutoCloseable) three).close();

            b = opBuilder.invoke(g, "Mul", "y");
            addInput.invoke(b, x);
            addInput.invoke(b, c3);
            build.invoke(b);
            return c("org.tensorflow.Session").getConstructor(graphC).newInstance(g);
        }

        @Override
        float run(Object session) throws Exception {
            return tf1Run(this, session);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The project's runtime: TensorFlow Java 1.1.0 (tensorflow-core-api + tensorflow-core-native, JavaCPP)
    // ---------------------------------------------------------------------------------------------
    static final class TfJavaRuntime extends Probe {
        TfJavaRuntime(ClassLoader cl) {
            super(cl, "tfjava1.1.0", "session");
        }

        /** Returns {session, x, y} for y = x(Placeholder TFloat32) * 3.0. */
        @Override
        Object open() throws Exception {
            Class<?> graphC = c("org.tensorflow.Graph");
            Class<?> envC = c("org.tensorflow.ExecutionEnvironment");
            Class<?> opsC = c("org.tensorflow.op.Ops");
            Class<?> operandC = c("org.tensorflow.Operand");
            Class<?> tfloatC = c("org.tensorflow.types.TFloat32");
            Class<?> phOptsC = c("org.tensorflow.op.core.Placeholder$Options");

            Object g = graphC.getConstructor().newInstance();
            Object tf = opsC.getMethod("create", envC).invoke(null, g);
            Object x = opsC.getMethod("placeholder", Class.class, phOptsC.arrayType())
                    .invoke(tf, tfloatC, Array.newInstance(phOptsC, 0));
            Object c3 = opsC.getMethod("constant", float.class).invoke(tf, 3.0f);
            Object math = opsC.getField("math").get(tf);
            Object y = math.getClass().getMethod("mul", operandC, operandC).invoke(math, x, c3);
            Object s = c("org.tensorflow.Session").getConstructor(graphC).newInstance(g);
            return new Object[] {s, x, y};
        }

        @Override
        float run(Object handle) throws Exception {
            Object[] sxy = (Object[]) handle;
            Object session = sxy[0], x = sxy[1], y = sxy[2];
            Class<?> operandC = c("org.tensorflow.Operand");
            Class<?> tensorC = c("org.tensorflow.Tensor");
            Class<?> runnerC = c("org.tensorflow.Session$Runner");
            Object two = c("org.tensorflow.types.TFloat32").getMethod("scalarOf", float.class).invoke(null, 2.0f);
            Object runner = session.getClass().getMethod("runner").invoke(session);
            runnerC.getMethod("feed", operandC, tensorC).invoke(runner, x, two);
            runnerC.getMethod("fetch", operandC).invoke(runner, y);
            Object result = runnerC.getMethod("run").invoke(runner);
            Object t = c("org.tensorflow.Result").getMethod("get", int.class).invoke(result, 0);
            float v = (Float) c("org.tensorflow.ndarray.FloatNdArray").getMethod("getFloat", long[].class)
                    .invoke(t, (Object) new long[0]);
            ((AutoCloseable) result).close();
            ((AutoCloseable) two).close();
            return v;
        }

        @Override
        void close(Object handle) throws Exception {
            ((AutoCloseable) ((Object[]) handle)[0]).close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // SavedModel variants
    // ---------------------------------------------------------------------------------------------

    /** TF Java 1.1.0 exports y = x * 3.0 (ops named "x", "y") as a SavedModel. */
    static final class TfJavaExport implements Runtime {
        private final ClassLoader cl;
        private final String dir;

        TfJavaExport(ClassLoader cl, String dir) {
            this.cl = cl;
            this.dir = dir;
        }

        @Override
        public String name() {
            return "tfjava1.1.0-export";
        }

        private Class<?> c(String n) throws ClassNotFoundException {
            return Class.forName(n, true, cl);
        }

        @Override
        public String first() throws Exception {
            Class<?> graphC = c("org.tensorflow.Graph");
            Class<?> envC = c("org.tensorflow.ExecutionEnvironment");
            Class<?> opsC = c("org.tensorflow.op.Ops");
            Class<?> operandC = c("org.tensorflow.Operand");
            Class<?> tfloatC = c("org.tensorflow.types.TFloat32");
            Class<?> phOptsC = c("org.tensorflow.op.core.Placeholder$Options");
            Method withName = opsC.getMethod("withName", String.class);

            Object g = graphC.getConstructor().newInstance();
            Object tf = opsC.getMethod("create", envC).invoke(null, g);
            Object x = opsC.getMethod("placeholder", Class.class, phOptsC.arrayType())
                    .invoke(withName.invoke(tf, "x"), tfloatC, Array.newInstance(phOptsC, 0));
            Object c3 = opsC.getMethod("constant", float.class).invoke(tf, 3.0f);
            Object math = opsC.getField("math").get(withName.invoke(tf, "y"));
            Object y = math.getClass().getMethod("mul", operandC, operandC).invoke(math, x, c3);
            Object s = c("org.tensorflow.Session").getConstructor(graphC).newInstance(g);

            Class<?> sigBuilderC = c("org.tensorflow.Signature$Builder");
            Object sb = c("org.tensorflow.Signature").getMethod("builder").invoke(null);
            sigBuilderC.getMethod("input", String.class, operandC).invoke(sb, "x", x);
            sigBuilderC.getMethod("output", String.class, operandC).invoke(sb, "y", y);
            Object sig = sigBuilderC.getMethod("build").invoke(sb);

            Class<?> expC = c("org.tensorflow.SavedModelBundle$Exporter");
            Object exp = c("org.tensorflow.SavedModelBundle").getMethod("exporter", String.class).invoke(null, dir);
            expC.getMethod("withSession", s.getClass()).invoke(exp, s);
            expC.getMethod("withSignature", sig.getClass()).invoke(exp, sig);
            expC.getMethod("export").invoke(exp);
            ((AutoCloseable) s).close();
            ((AutoCloseable) g).close();
            return "exported to " + dir;
        }

        @Override
        public String again() throws Exception {
            return first();
        }
    }

    /**
     * y = x * 3 run through one runtime's class loader: {@link #open} makes a session (or loads a bundle), {@link #run}
     * feeds x = 2; {@code first} opens one and keeps it, {@code again} runs it again and a fresh one.
     */
    abstract static class Probe implements Runtime {
        private final ClassLoader cl;
        private final String name;
        private final String what;
        private Object first;

        Probe(ClassLoader cl, String name, String what) {
            this.cl = cl;
            this.name = name;
            this.what = what;
        }

        @Override
        public String name() {
            return name;
        }

        Class<?> c(String n) throws ClassNotFoundException {
            return Class.forName(n, true, cl);
        }

        /** A new session or bundle. */
        abstract Object open() throws Exception;

        /** y for x = 2. */
        abstract float run(Object handle) throws Exception;

        void close(Object handle) throws Exception {
            ((AutoCloseable) handle).close();
        }

        @Override
        public String first() throws Exception {
            // version() loads the native library (TF 1.13.1: NativeLibrary.load(); TF Java: JavaCPP)
            String v = (String) c("org.tensorflow.TensorFlow").getMethod("version").invoke(null);
            first = open();
            return (what.equals("bundle") ? "SavedModel " : "") + "x*3 with x=2 -> " + run(first) + ", version()="
                    + v;
        }

        @Override
        public String again() throws Exception {
            float old = run(first);
            Object fresh = open();
            float value = run(fresh);
            close(fresh);
            return "old " + what + " -> " + old + ", new " + what + " -> " + value;
        }
    }

    /** TF 1.13.1's Session.runner(): feed "x" = 2, fetch "y". */
    static float tf1Run(Probe p, Object session) throws Exception {
        Class<?> tensorC = p.c("org.tensorflow.Tensor");
        Object runner = session.getClass().getMethod("runner").invoke(session);
        Class<?> runnerC = runner.getClass();
        Object two = tensorC.getMethod("create", Object.class).invoke(null, 2.0f);
        runnerC.getMethod("feed", String.class, tensorC).invoke(runner, "x", two);
        runnerC.getMethod("fetch", String.class).invoke(runner, "y");
        List<?> out = (List<?>) runnerC.getMethod("run").invoke(runner);
        float v = (Float) tensorC.getMethod("floatValue").invoke(out.get(0));
        for (Object t : out) {
            ((AutoCloseable) t).close();
        }
        ((AutoCloseable) two).close();
        return v;
    }

    /** The SavedModel with tag "serve", loaded through the probe's runtime. */
    abstract static class SavedModelProbe extends Probe {
        private final String dir;

        SavedModelProbe(ClassLoader cl, String name, String dir) {
            super(cl, name, "bundle");
            this.dir = dir;
        }

        @Override
        Object open() throws Exception {
            return c("org.tensorflow.SavedModelBundle").getMethod("load", String.class, String[].class)
                    .invoke(null, dir, new String[] {"serve"});
        }
    }

    /** TF 1.13.1: the SavedModel, run on the bundle's session. */
    static final class Tf1SavedModel extends SavedModelProbe {
        Tf1SavedModel(ClassLoader cl, String dir) {
            super(cl, "tf1.13.1-savedmodel", dir);
        }

        @Override
        float run(Object bundle) throws Exception {
            return tf1Run(this, bundle.getClass().getMethod("session").invoke(bundle));
        }
    }

    /** TF Java 1.1.0: the SavedModel's function("serving_default").call({x: 2.0}). */
    static final class TfJavaSavedModel extends SavedModelProbe {
        TfJavaSavedModel(ClassLoader cl, String dir) {
            super(cl, "tfjava1.1.0-savedmodel", dir);
        }

        @Override
        float run(Object bundle) throws Exception {
            Object fn = bundle.getClass().getMethod("function", String.class).invoke(bundle, "serving_default");
            Object two = c("org.tensorflow.types.TFloat32").getMethod("scalarOf", float.class).invoke(null, 2.0f);
            Object result = fn.getClass().getMethod("call", java.util.Map.class).invoke(fn, java.util.Map.of("x", two));
            Object t = c("org.tensorflow.Result").getMethod("get", int.class).invoke(result, 0);
            float v = (Float) c("org.tensorflow.ndarray.FloatNdArray").getMethod("getFloat", long[].class)
                    .invoke(t, (Object) new long[0]);
            ((AutoCloseable) result).close();
            ((AutoCloseable) two).close();
            return v;
        }
    }
}
