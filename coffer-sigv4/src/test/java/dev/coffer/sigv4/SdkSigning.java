package dev.coffer.sigv4;

import dev.coffer.crypto.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs requests with the AWS SDK v2's own signer and turns them into what a server adapter would hand us. */
final class SdkSigning {
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";
    static final Instant NOW = Instant.parse("2024-05-24T12:00:00Z");

    private SdkSigning() {
    }

    /** A signed request as received: the parts and the raw body bytes on the wire. */
    record Signed(RequestParts parts, byte[] wireBody) {
        InputStream body() {
            return new ByteArrayInputStream(wireBody);
        }
    }

    static SigV4Verifier<String> verifier() {
        return verifier(InstantSource.fixed(NOW));
    }

    static SigV4Verifier<String> verifier(InstantSource clock) {
        Map<String, Credential<String>> keys = Map.of(ACCESS_KEY, Credential.longTerm(ACCESS_KEY,
                Secret.copyOf(SECRET_KEY.getBytes(StandardCharsets.UTF_8)), PRINCIPAL));
        return SigV4Verifier.builder((String id) -> Optional.ofNullable(keys.get(id))).clock(clock).build();
    }

    /** Signs for S3 (virtual-host style on examplebucket) at {@link #NOW}. */
    static Signed s3(SdkHttpMethod method, String rawPathAndQuery, byte[] body,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
        return sign(method, "https://examplebucket.s3.amazonaws.com" + rawPathAndQuery, body, "s3", SECRET_KEY, b -> {
            b.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            properties.accept(b);
        });
    }

    static Signed sign(SdkHttpMethod method, String uri, byte[] body, String service, String secret,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(URI.create(uri));
        if (body != null) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> {
            b.identity(AwsCredentialsIdentity.create(ACCESS_KEY, secret))
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (body != null) {
                b.payload(() -> new ByteArrayInputStream(body));
            }
            properties.accept(b);
        });
        return new Signed(parts(signed.request()), signed.payload().map(p -> {
            try (InputStream in = p.newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]));
    }

    static RequestParts parts(SdkHttpRequest r) {
        Headers.Builder h = Headers.builder();
        r.forEachHeader((name, values) -> values.forEach(v -> h.add(name, v)));
        String query = r.getUri().getRawQuery();
        return new RequestParts(r.method().name(), r.encodedPath(), query == null ? "" : query, h.build());
    }

    /** The same request with one header replaced (or added). */
    static RequestParts withHeader(RequestParts p, String name, String value) {
        Headers.Builder h = Headers.builder();
        for (String n : p.headers().names()) {
            if (!n.equalsIgnoreCase(name)) {
                p.headers().all(n).forEach(v -> h.add(n, v));
            }
        }
        h.add(name, value);
        return new RequestParts(p.method(), p.rawPath(), p.rawQuery(), h.build());
    }

    static RequestParts withoutHeader(RequestParts p, String name) {
        Headers.Builder h = Headers.builder();
        for (String n : p.headers().names()) {
            if (!n.equalsIgnoreCase(name)) {
                p.headers().all(n).forEach(v -> h.add(n, v));
            }
        }
        return new RequestParts(p.method(), p.rawPath(), p.rawQuery(), h.build());
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 7));
        }
        return b;
    }
}
