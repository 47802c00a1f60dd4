package org.knime.deepclem.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

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

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "on an internal error, print the stack trace (for a bug report)")
    boolean debug;

    // the launcher acts on it (it routes TensorFlow's native stderr, StderrRouting); declared here so that picocli
    // accepts it and --help lists it
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "also show TensorFlow's own log lines")
    boolean verbose;

    public static void main(String[] args) {
        StderrRouting.install();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code ({@link ExitCode}), for tests. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd, isDebug(parsed)));
        cl.setParameterExceptionHandler((ex, args2) -> {
            // a mistyped option gets one line and a pointer to --help, not the whole usage text
            CommandLine cmd = ex.getCommandLine();
            String msg = ex.getMessage().replace('\n', ' ').replaceFirst("^Error: ", "");
            cmd.getErr().println(name(cmd) + ": " + msg + " (see --help)");
            return ExitCode.BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli passes errors (out of memory, a missing native library) through; they get one line too
            CommandLine cmd = cl;
            ParseResult parsed = cl.getParseResult();
            for (ParseResult p = parsed; p != null; p = p.subcommand()) {
                cmd = p.commandSpec().commandLine();
            }
            return report(e, cmd, parsed != null && isDebug(parsed));
        }
    }

    /**
     * One line for the user; bad input never shows a stack trace, an internal error shows it with {@code --debug}.
     */
    private static int report(Throwable ex, CommandLine cmd, boolean debug) {
        int code = ExitCode.of(ex);
        PrintWriter err = cmd.getErr();
        String line = name(cmd) + ": " + (code == ExitCode.INTERNAL_ERROR ? "internal error: " : "")
            + CliErrors.message(ex);
        if (ex instanceof OutOfMemoryError) {
            line = name(cmd) + ": out of memory (" + ex.getMessage() + "); give Java more memory, e.g. "
                + "DEEPCLEM_JAVA_OPTS=-Xmx8g, or use smaller images";
        }
        if (code == ExitCode.INTERNAL_ERROR && !debug) {
            line += " (run with --debug for details)";
        }
        err.println(line);
        if (code == ExitCode.INTERNAL_ERROR && debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isDebug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String name(CommandLine cmd) {
        return cmd.getParent() == null ? "deepclem" : "deepclem " + cmd.getCommandName();
    }
}
