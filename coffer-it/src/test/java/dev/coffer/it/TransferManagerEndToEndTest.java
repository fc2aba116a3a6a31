package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

/**
 * {@link S3TransferManager} over the SDK's multipart S3 async client: a 200 MiB file goes up with SSE-KMS in
 * parallel 8 MiB parts and comes back byte for byte.
 */
class TransferManagerEndToEndTest {
    private static final long SIZE = 200L * 1024 * 1024;
    private static final long PART = 8L * 1024 * 1024;

    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static S3AsyncClient async;
    private static S3Client s3;
    private static KmsClient kms;

    @TempDir
    static Path dir;

    @BeforeAll
    static void clients() {
        async = S3AsyncClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials()).forcePathStyle(true)
                .multipartEnabled(true)
                .multipartConfiguration(m -> m.minimumPartSizeInBytes(PART).thresholdInBytes(PART))
                .build();
        s3 = coffer.s3();
        kms = coffer.kms();
        s3.createBucket(b -> b.bucket("transfers"));
    }

    @AfterAll
    static void close() {
        async.close();
        s3.close();
        kms.close();
    }

    @Test
    void a200MiBFile_withSseKms_goesUpInParallelParts_andComesBackIdentical() throws Exception {
        String keyArn = kms.createKey(k -> { }).keyMetadata().arn();
        Path source = dir.resolve("source.bin");
        byte[] sourceHash = writeRandomFile(source, SIZE);
        Path target = dir.resolve("target.bin");

        try (S3TransferManager transfers = S3TransferManager.builder().s3Client(async).build()) {
            CompletedFileUpload up = transfers.uploadFile(u -> u.source(source).putObjectRequest(p -> p
                    .bucket("transfers").key("big.bin").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(keyArn))).completionFuture().join();
            assertThat(up.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(up.response().ssekmsKeyId()).isEqualTo(keyArn);
            // An ETag "…-N" says the upload was multipart: 200 MiB in 8 MiB parts.
            assertThat(up.response().eTag()).endsWith("-" + (SIZE / PART) + "\"");

            transfers.downloadFile(d -> d.destination(target).getObjectRequest(g -> g.bucket("transfers")
                    .key("big.bin"))).completionFuture().join();
        }

        HeadObjectResponse head = s3.headObject(h -> h.bucket("transfers").key("big.bin"));
        assertThat(head.contentLength()).isEqualTo(SIZE);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(Files.size(target)).isEqualTo(SIZE);
        assertThat(sha256(target)).isEqualTo(sourceHash);
    }

    /** Writes {@code size} pseudo-random bytes to {@code file}; returns their SHA-256. */
    private static byte[] writeRandomFile(Path file, long size) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(size);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                sha.update(buffer);
                out.write(buffer);
            }
        }
        return sha.digest();
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha.digest();
    }
}
