package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * aws-chunked uploads built and signed by code of our own, for the one thing the SDK's signer cannot make:
 * data chunks smaller than its fixed 128 KiB. CreateBucket bodies are capped at 64 KiB, so through the SDK
 * they are always one data chunk; this encoder cuts them into several. It signs the way the SDK does
 * (seed signature over the headers, then a chain of chunk signatures, then the trailer signature), and a test
 * checks that for one chunk its bytes are identical to the SDK's, so the multi-chunk bodies it makes are the
 * ones the SDK would make with a smaller chunk size
 * ({@code AwsChunkedUploadEndToEndTest.handBuiltChunkedBody_ofOneChunk_isByteIdenticalToTheSdks}).
 */
final class AwsChunkedEncoder {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = RawRequests.EMPTY_SHA256;
    private static final String PLACEHOLDER_SIGNATURE = "0".repeat(64);

    /** The {@code x-amz-content-sha256} of each aws-chunked payload mode. */
    enum Mode {
        SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
        SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
        UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

        final String wireValue;
        final boolean chunkSigned;
        final boolean trailer;

        Mode(String wireValue, boolean chunkSigned, boolean trailer) {
            this.wireValue = wireValue;
            this.chunkSigned = chunkSigned;
            this.trailer = trailer;
        }
    }

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private Mode mode = Mode.SIGNED;
    private int chunkSize = 8192;
    private ChecksumAlgorithm checksum;
    private Long decodedLengthOverride;

    AwsChunkedEncoder(String accessKeyId, String secretAccessKey, String region) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
    }

    AwsChunkedEncoder mode(Mode m) {
        this.mode = m;
        return this;
    }

    AwsChunkedEncoder chunkSize(int bytes) {
        this.chunkSize = bytes;
        return this;
    }

    /** The checksum sent as a trailer; required for the -TRAILER modes. */
    AwsChunkedEncoder trailerChecksum(ChecksumAlgorithm algorithm) {
        this.checksum = algorithm;
        return this;
    }

    /** Signs this {@code x-amz-decoded-content-length} instead of the true length of the data. */
    AwsChunkedEncoder decodedLength(long length) {
        this.decodedLengthOverride = length;
        return this;
    }

    /** {@code request} (method, host, port, path; no query) with {@code data} as its aws-chunked, signed body. */
    RawRequests.Request encode(SdkHttpRequest request, byte[] data, Instant signingTime) {
        if (mode.trailer != (checksum != null)) {
            throw new IllegalStateException("a -TRAILER mode needs a trailer checksum, and only it");
        }
        if (request.getUri().getRawQuery() != null) {
            throw new IllegalArgumentException("queries are not supported");
        }
        String amzDate = AMZ_DATE.format(signingTime);
        String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
        byte[] signingKey = signingKey(amzDate.substring(0, 8));
        List<byte[]> chunks = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunkSize) {
            chunks.add(Arrays.copyOfRange(data, off, Math.min(data.length, off + chunkSize)));
        }
        Optional<String> trailerValue = Optional.ofNullable(checksum).map(a -> {
            SdkChecksum c = SdkChecksum.forAlgorithm(a);
            c.update(data, 0, data.length);
            return Base64.getEncoder().encodeToString(c.getChecksumBytes());
        });
        // Signatures are always 64 hex digits, so a body with placeholders has the final length.
        int contentLength = body(chunks, trailerValue, null, null, null).length;

        Map<String, String> headers = new TreeMap<>();
        headers.put("content-encoding", "aws-chunked");
        headers.put("content-length", Integer.toString(contentLength));
        headers.put("host", request.host() + ":" + request.port());
        headers.put("x-amz-content-sha256", mode.wireValue);
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-decoded-content-length",
                Long.toString(decodedLengthOverride != null ? decodedLengthOverride : data.length));
        if (checksum != null) {
            headers.put("x-amz-trailer", checksumHeader());
        }
        String signedHeaders = String.join(";", headers.keySet());
        StringBuilder canonical = new StringBuilder()
                .append(request.method().name()).append('\n')
                .append(request.encodedPath()).append('\n')
                .append('\n');
        headers.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        canonical.append('\n').append(signedHeaders).append('\n').append(mode.wireValue);
        String seed = hmacHex(signingKey, "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonical.toString().getBytes(UTF_8)));

        SdkHttpRequest.Builder signed = request.toBuilder()
                .putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                        + ", SignedHeaders=" + signedHeaders + ", Signature=" + seed)
                .putHeader("Content-Encoding", "aws-chunked")
                .putHeader("Content-Length", Integer.toString(contentLength))
                .putHeader("Host", headers.get("host"))
                .putHeader("x-amz-content-sha256", mode.wireValue)
                .putHeader("X-Amz-Date", amzDate)
                .putHeader("x-amz-decoded-content-length", headers.get("x-amz-decoded-content-length"));
        if (checksum != null) {
            signed.putHeader("x-amz-trailer", checksumHeader());
        }
        byte[] body = body(chunks, trailerValue, signingKey, amzDate + "\n" + scope, seed);
        return new RawRequests.Request(signed.build(), body);
    }

    /** With {@code signingKey} null, every signature is a placeholder of the right length. */
    private byte[] body(List<byte[]> chunks, Optional<String> trailerValue, byte[] signingKey, String dateAndScope,
            String seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = seed;
        List<byte[]> all = new ArrayList<>(chunks);
        all.add(new byte[0]);
        for (byte[] chunk : all) {
            StringBuilder line = new StringBuilder(Integer.toHexString(chunk.length));
            if (mode.chunkSigned) {
                String signature = signingKey == null ? PLACEHOLDER_SIGNATURE
                        : hmacHex(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + dateAndScope + "\n" + previous + "\n"
                                + EMPTY_SHA256 + "\n" + sha256Hex(chunk));
                line.append(";chunk-signature=").append(signature);
                previous = signature;
            }
            out.writeBytes(line.append("\r\n").toString().getBytes(UTF_8));
            if (chunk.length > 0) {
                out.writeBytes(chunk);
                out.writeBytes("\r\n".getBytes(UTF_8));
            }
        }
        if (trailerValue.isPresent()) {
            String trailer = checksumHeader() + ":" + trailerValue.get();
            out.writeBytes((trailer + "\r\n").getBytes(UTF_8));
            if (mode.chunkSigned) {
                String signature = signingKey == null ? PLACEHOLDER_SIGNATURE
                        : hmacHex(signingKey, "AWS4-HMAC-SHA256-TRAILER\n" + dateAndScope + "\n" + previous + "\n"
                                + sha256Hex((trailer + "\n").getBytes(UTF_8)));
                out.writeBytes(("x-amz-trailer-signature:" + signature + "\r\n").getBytes(UTF_8));
            }
        }
        out.writeBytes("\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    private String checksumHeader() {
        return "x-amz-checksum-" + checksum.algorithmId().toLowerCase(Locale.ROOT);
    }

    private byte[] signingKey(String day) {
        byte[] k = hmac(("AWS4" + secretAccessKey).getBytes(UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, "s3");
        return hmac(k, "aws4_request");
    }

    private static String hmacHex(byte[] key, String data) {
        return HEX.formatHex(hmac(key, data));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
