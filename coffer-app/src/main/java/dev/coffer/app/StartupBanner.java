package dev.coffer.app;

import dev.coffer.iam.RootCredentials;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What {@code coffer server} prints once it listens; the first line says where. */
final class StartupBanner {
    private StartupBanner() {}

    static void print(PrintStream out, CofferNode node, long startMillis) {
        List<String> endpoints = new ArrayList<>();
        node.httpUri().map(URI::toString).ifPresent(endpoints::add);
        node.httpsUri().map(URI::toString).ifPresent(endpoints::add);
        out.println("Coffer " + Version.current() + " listening on " + String.join(" and ", endpoints)
                + " (S3, KMS, STS; region " + node.region() + ")");
        out.println("  data dir:  " + node.dataDir());
        out.println("  root key:  " + node.rootKeyDescription());
        node.caCertificate().ifPresent(ca ->
                out.println("  TLS CA:    " + ca + "  (trust it: aws --ca-bundle " + ca + " ...)"));
        out.println("  started in " + startMillis + " ms");
        RootCredentials root = node.rootCredentials();
        if (root.newlyCreated()) {
            out.println();
            out.println("Root credentials, generated now and shown only this once (stored encrypted in the data dir):");
            out.println("  export AWS_ACCESS_KEY_ID=" + root.accessKeyId());
            out.println("  export AWS_SECRET_ACCESS_KEY=" + root.revealSecretAccessKey());
            out.println("  export AWS_DEFAULT_REGION=" + node.region());
        } else {
            out.println("  root access key id: " + root.accessKeyId() + " (account " + root.accountId() + ")");
        }
        out.flush();
    }
}
