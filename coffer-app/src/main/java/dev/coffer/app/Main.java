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
