package dev.coffer.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code coffer}: the entry point of the runnable jar. */
@Command(name = "coffer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hosted AWS-compatible key management service and encrypted object store.",
        subcommands = {ServerCommand.class, dev.coffer.cli.EncryptCommand.class, dev.coffer.cli.DecryptCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("encrypt") || args[0].equals("decrypt"))) {
            // The client commands print their own one-line errors and nothing else. Left to find logback (the
            // server's logging), SLF4J would configure it from XML first: ~250 ms of a decrypt's start, measured
            // with -Xlog:class+load (docs/PERFORMANCE.md, "coffer encrypt / decrypt").
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN"); // else SLF4J says which provider it chose
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
