package dev.coffer.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of AWS's documentation, verified byte for byte: S3's "Signature Calculations in
 * AWS Signature Version 4" (header, presigned, chunked, chunked with trailer) and the SigV4 test suite's
 * {@code get-vanilla} family for other services.
 */
class SigV4VerifierAwsExamplesTest {
    private static final String S3_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String SUITE_KEY = "AKIDEXAMPLE";
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Verifier<String> s3 = verifier(S3_KEY, S3_SECRET, S3_TIME);
    private final SigV4Verifier<String> suite = verifier(SUITE_KEY, SUITE_SECRET, SUITE_TIME);

    @Test
    void verify_withS3GetObjectExample_succeeds() {
        RequestParts r = RequestParts.of("GET", "/test.txt", Headers.of(
                "Host", "examplebucket.s3.amazonaws.com",
                "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "Authorization", s3Authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));

        assertThat(s3.verify(r).principal()).isEqualTo("example");
    }

    @Test
    void verify_withS3PutObjectExample_encodesTheDollarAndUsesTheDateHeader() throws Exception {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        RequestParts r = RequestParts.of("PUT", "/test$file.text", Headers.of(
                "Host", "examplebucket.s3.amazonaws.com",
                "Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "Authorization", s3Authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));

        VerifiedRequest<String> v = s3.verify(r);

        assertThat(v.openBody(new ByteArrayInputStream(body)).readAllBytes()).isEqualTo(body);
        RequestParts encoded = new RequestParts("PUT", "/test%24file.text", "", r.headers());
        assertThat(s3.verify(encoded)).isNotNull();
    }

    @Test
    void verify_withS3GetBucketLifecycleExample_signsAValuelessParameter() {
        RequestParts r = RequestParts.of("GET", "/?lifecycle", Headers.of(
                "Host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "Authorization", s3Authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")));

        assertThat(s3.verify(r)).isNotNull();
    }

    @Test
    void verify_withS3ListObjectsExample_sortsTheQuery() {
        RequestParts r = RequestParts.of("GET", "/?max-keys=2&prefix=J", Headers.of(
                "Host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "Authorization", s3Authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));

        assertThat(s3.verify(r)).isNotNull();
        RequestParts reordered = RequestParts.of("GET", "/?prefix=J&max-keys=2", r.headers());
        assertThat(s3.verify(reordered)).isNotNull();
    }

    @Test
    void verify_withS3PresignedUrlExample_succeeds() {
        RequestParts r = RequestParts.of("GET", "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                Headers.of("Host", "examplebucket.s3.amazonaws.com"));

        VerifiedRequest<String> v = s3.verify(r);

        assertThat(v.authLocation()).isEqualTo(AuthLocation.QUERY);
        assertThat(v.expiresAt()).contains(S3_TIME.plusSeconds(86400));
    }

    @Test
    void openBody_withS3ChunkedUploadExample_verifiesEveryChunkSignature() throws Exception {
        RequestParts r = chunkedExample("STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
                        + "x-amz-storage-class",
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", false);
        byte[] wire = chunkedExampleBody(new String[] {
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"}, "\r\n");
        assertThat(wire).hasSize(66824);

        VerifiedRequest<String> v = s3.verify(r);

        assertThat(v.openBody(new ByteArrayInputStream(wire)).readAllBytes()).isEqualTo(aaa(66560));
        byte[] tampered = wire.clone();
        tampered[100] = 'b';
        assertThatThrownBy(() -> v.openBody(new ByteArrayInputStream(tampered)).readAllBytes())
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void openBody_withS3TrailerExample_verifiesTheTrailerSignature() throws Exception {
        RequestParts r = chunkedExample("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
                        + "x-amz-storage-class;x-amz-trailer",
                "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e", true);
        byte[] wire = chunkedExampleBody(new String[] {
            "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
                "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                        + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n"
                        + "\r\n");

        VerifiedRequest<String> v = s3.verify(r);
        VerifiedBody body = v.openBody(new ByteArrayInputStream(wire));

        assertThat(body.readAllBytes()).isEqualTo(aaa(66560));
        assertThat(body.checksum(ChecksumAlgorithm.CRC32C)).contains("sOO8/Q==");
    }

    @Test
    void verify_withSuiteGetVanilla_doubleEncodesAndNormalisesThePath() {
        String vanilla = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        for (String path : new String[] {"/", "/./", "/example1/example2/../..", "/example/.."}) {
            RequestParts r = RequestParts.of("GET", path, suiteHeaders("host;x-amz-date", vanilla));
            assertThat(suite.verify(r, new byte[0]).service()).as(path).isEqualTo("service");
        }
    }

    @Test
    void verify_withSuiteQueryOrderKeyCase_sortsByEncodedName() {
        RequestParts r = RequestParts.of("GET", "/?Param2=value2&Param1=value1", suiteHeaders("host;x-amz-date",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));

        assertThat(suite.verify(r, new byte[0])).isNotNull();
    }

    private static Headers suiteHeaders(String signedHeaders, String signature) {
        return Headers.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    private static RequestParts chunkedExample(String mode, String signedHeaders, String seed, boolean trailer) {
        Headers.Builder h = Headers.builder()
                .add("Host", "s3.amazonaws.com")
                .add("x-amz-date", "20130524T000000Z")
                .add("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .add("x-amz-content-sha256", mode)
                .add("Content-Encoding", "aws-chunked")
                .add("x-amz-decoded-content-length", "66560")
                .add("Content-Length", "66824")
                .add("Authorization", s3Authorization(signedHeaders, seed));
        if (trailer) {
            h.add("x-amz-trailer", "x-amz-checksum-crc32c");
        }
        return RequestParts.of("PUT", "/examplebucket/chunkObject.txt", h.build());
    }

    /** 64 KiB of 'a', 1 KiB of 'a', the final chunk, then {@code ending} (CRLF or trailers). */
    private static byte[] chunkedExampleBody(String[] signatures, String ending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("10000;chunk-signature=" + signatures[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(aaa(65536));
        out.writeBytes(("\r\n400;chunk-signature=" + signatures[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(aaa(1024));
        out.writeBytes(("\r\n0;chunk-signature=" + signatures[2] + "\r\n" + ending).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] aaa(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static String s3Authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }

    private static SigV4Verifier<String> verifier(String key, String secret, Instant now) {
        Credential<String> c = Credential.longTerm(key, Secret.copyOf(secret.getBytes(StandardCharsets.UTF_8)),
                "example");
        Map<String, Credential<String>> keys = Map.of(key, c);
        return SigV4Verifier.builder((String id) -> Optional.ofNullable(keys.get(id)))
                .clock(InstantSource.fixed(now)).build();
    }
}
