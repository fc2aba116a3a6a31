package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.cryptography.materialproviders.model.CollectionOfErrors;
import software.amazon.cryptography.materialproviders.model.OpaqueError;

/**
 * Turns whatever a run throws into one line on stderr and an exit code. The AWS Encryption SDK and its Material
 * Providers Library wrap the interesting cause (a KMS error, a refused connection) in layers of their own
 * exceptions, so the mapping looks through every cause and every collected error for the most telling one.
 */
final class Failures {
    private Failures() {
    }

    /** Runs {@code body}; on failure prints {@code command: message} and returns the exit code. */
    static int run(String command, PrintStream err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            CliException failure = describe(e);
            err.println(command + ": " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
    }

    static CliException describe(Throwable failure) {
        return describe(failure, false);
    }

    /**
     * @param readingMessage whether the failure happened while parsing a message, where a stray runtime exception
     *     from the SDK's parser means a malformed (modified) message, not a bug of ours
     */
    static CliException describe(Throwable failure, boolean readingMessage) {
        List<Throwable> all = flatten(failure);
        Optional<CliException> own = first(all, CliException.class);
        if (own.isPresent()) {
            return own.get();
        }
        Optional<KmsException> kms = first(all, KmsException.class);
        if (kms.isPresent()) {
            return fromKms(kms.get());
        }
        for (Throwable t : all) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return CliException.environment("cannot reach KMS: " + oneLine(t));
            }
        }
        Optional<SdkClientException> sdk = first(all, SdkClientException.class);
        if (sdk.isPresent()) {
            String message = oneLine(sdk.get());
            if (message.contains("Unable to load credentials") || message.contains("credentials")) {
                return CliException.environment("no usable AWS credentials: " + message);
            }
            return CliException.environment("cannot reach KMS: " + message);
        }
        Optional<BadCiphertextException> bad = first(all, BadCiphertextException.class);
        if (bad.isPresent()) {
            return badCiphertext(bad.get());
        }
        if (failure instanceof OutOfMemoryError) {
            return CliException.io("out of memory (is --frame-length too large for this heap?)", failure);
        }
        Optional<IOException> io = first(all, IOException.class);
        if (io.isPresent() && first(all, AwsCryptoException.class).isEmpty()) {
            return CliException.io(oneLine(io.get()), io.get());
        }
        for (Throwable t : all) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No Encrypted Data Keys found to match")
                    || message.contains("Unable to decrypt any data keys") || message.contains("Unable to decrypt")) {
                return CliException.data("none of the keys can open this message");
            }
            if (message.contains("maxEncryptedDataKeys")) {
                return CliException.data("the message has more encrypted data keys than --max-encrypted-data-keys"
                        + " allows");
            }
        }
        Throwable deepest = all.getLast();
        if (readingMessage) {
            return CliException.data("not a valid encrypted message, or it was modified (" + oneLine(deepest) + ")");
        }
        return CliException.data(oneLine(deepest));
    }

    private static CliException fromKms(KmsException e) {
        // The Material Providers Library rebuilds modelled KMS errors without their error details: the class
        // name is then the only trace of the code.
        String code = Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorCode())
                .filter(c -> c != null && !c.isEmpty()).orElse(e.getClass().getSimpleName());
        if (code.equals("KmsInvalidStateException")) {
            code = "KMSInvalidStateException";
        }
        String message = Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorMessage())
                .filter(m -> m != null && !m.isEmpty()).orElse(oneLine(e).replaceAll(" \\(Service: .*$", ""));
        String detail = code + ": " + message;
        return switch (code) {
            case "InvalidCiphertextException", "IncorrectKeyException" ->
                    CliException.data("KMS cannot decrypt the message's data key with the key it names ("
                            + detail + "); the file was modified or belongs to another key");
            case "NotFoundException" -> CliException.environment("KMS key not found (" + detail + ")");
            case "DisabledException", "KMSInvalidStateException" ->
                    CliException.environment("KMS key cannot be used now (" + detail + ")");
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
                 "ExpiredTokenException", "IncompleteSignature", "SignatureDoesNotMatch" ->
                    CliException.environment("KMS refused the request (" + detail + ")");
            default -> CliException.environment("KMS failed (" + detail + ")");
        };
    }

    private static CliException badCiphertext(BadCiphertextException e) {
        String detail = oneLine(e).replace("javax.crypto.AEADBadTagException: ", "");
        String what;
        if (detail.contains("Unable to process entire ciphertext") || detail.contains("No CiphertextHeaders")) {
            what = "the message is incomplete: the file was cut short";
        } else if (detail.contains("Invalid version") || detail.contains("Invalid type")) {
            what = "not an AWS Encryption SDK message, or its first bytes were modified";
        } else if (detail.contains("Tag mismatch")) {
            what = "the message was modified: a frame fails authentication";
        } else if (detail.contains("signature")) {
            what = "the message was modified: its signature does not verify";
        } else if (detail.contains("sequence number")) {
            what = "the message was modified: its frames are missing, repeated or out of order";
        } else if (detail.contains(FramedMessageDecryptor.TRAILING)) {
            what = "more bytes follow the end of the message (two messages in one file?)";
        } else {
            what = "not a valid encrypted message, or it was modified";
        }
        return CliException.data(what + " (" + detail + ")");
    }

    /** Every throwable reachable through causes, suppressed ones, MPL collections and opaque wrappers. */
    static List<Throwable> flatten(Throwable root) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, out, seen);
        return out;
    }

    private static void collect(Throwable t, List<Throwable> out, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.add(t);
        if (t instanceof UncheckedIOException u) {
            collect(u.getCause(), out, seen);
        }
        if (t instanceof CollectionOfErrors c && c.list() != null) {
            c.list().forEach(e -> collect(e, out, seen));
        }
        if (t instanceof software.amazon.cryptography.keystore.model.CollectionOfErrors c && c.list() != null) {
            c.list().forEach(e -> collect(e, out, seen));
        }
        if (t instanceof OpaqueError o && o.obj() instanceof Throwable inner) {
            collect(inner, out, seen);
        }
        collect(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
    }

    private static <T extends Throwable> Optional<T> first(List<Throwable> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
