package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.cli.AwsSettings;
import dev.coffer.cli.DecryptCommand;
import dev.coffer.cli.EncryptCommand;
import dev.coffer.cli.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs {@code coffer encrypt} / {@code decrypt} in-process with a given environment and captured streams. */
final class CliRunner {
    /** What a run left: exit code, standard output bytes, standard error text. */
    record Run(int exit, byte[] stdout, String stderr) {
        @Override
        public String toString() {
            return "Run[exit=" + exit + ", stdout " + stdout.length + " bytes, stderr=" + stderr + "]";
        }
    }

    private final AwsSettings settings;

    CliRunner(AwsSettings settings) {
        this.settings = settings;
    }

    /** A runner whose environment points at {@code coffer}'s endpoint with its root credentials. */
    static CliRunner against(CofferExtension coffer) {
        return new CliRunner(AwsSettings.of(Map.of(
                "AWS_ACCESS_KEY_ID", coffer.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", coffer.secretAccessKey(),
                "AWS_ENDPOINT_URL", coffer.http().toString(),
                "AWS_REGION", "us-east-1"), AwsSettings.emptyProfileFile()));
    }

    Run encrypt(String... args) {
        return run(EncryptCommand::new, new byte[0], args);
    }

    Run decrypt(String... args) {
        return run(DecryptCommand::new, new byte[0], args);
    }

    Run encryptStdin(byte[] stdin, String... args) {
        return run(EncryptCommand::new, stdin, args);
    }

    Run decryptStdin(byte[] stdin, String... args) {
        return run(DecryptCommand::new, stdin, args);
    }

    private Run run(BiFunction<AwsSettings, Stdio, Object> command, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, UTF_8);
        Stdio stdio = new Stdio(new ByteArrayInputStream(stdin), out, errStream, false);
        CommandLine line = new CommandLine(command.apply(settings, stdio));
        line.setErr(new PrintWriter(errStream, true));
        int exit = line.execute(args);
        return new Run(exit, out.toByteArray(), err.toString(UTF_8));
    }

    static String[] args(Object... parts) {
        return Stream.of(parts).flatMap(p -> p instanceof List<?> l ? l.stream().map(String::valueOf)
                : Stream.of(String.valueOf(p))).toArray(String[]::new);
    }
}
