package org.knime.deepclem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deepclem} command line: a thin adapter over the engine. */
@Command(name = "deepclem", mixinStandardHelpOptions = true, version = "DeepCLEM for KNIME 1.0.0",
    description = "Correlative light and electron microscopy registration with virtual chromatin.",
    subcommands = {
        // one line per subcommand
        RegisterCommand.class,
        AlignCommand.class,
        BatchCommand.class,
        PreprocessCommand.class,
        ApplyCommand.class,
        TrainCommand.class,
        PredictCommand.class,
    })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 = success), for tests. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // bad input gets one clear line, never a stack trace
            cmd.getErr().println("deepclem " + cmd.getCommandName() + ": " + CliErrors.message(ex));
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            // a mistyped option gets one line and a pointer to --help, not the whole usage text
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getParent() == null ? "deepclem" : "deepclem " + cmd.getCommandName();
            String msg = ex.getMessage().replace('\n', ' ').replaceFirst("^Error: ", "");
            cmd.getErr().println(name + ": " + msg + " (see --help)");
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes errors through; the user still gets one line and a way out
            System.err.println("deepclem: out of memory (" + e.getMessage() + "); give Java more memory, e.g. "
                + "DEEPCLEM_JAVA_OPTS=-Xmx8g, or use smaller images");
            return 2;
        }
    }
}
