package dev.coffer.s3.object;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.store.BlobId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FullObjectChecksumsTest {
    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C"})
    void combiningPartCrcs_givesTheCrcOfTheWholeObject(String algorithm) {
        byte[] body = new byte[300_001];
        new Random(5).nextBytes(body);
        int[] cuts = {0, 100_000, 100_001, 250_000, body.length};
        List<PartTable.StoredPart> parts = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            byte[] part = Arrays.copyOfRange(body, cuts[i], cuts[i + 1]);
            parts.add(new PartTable.StoredPart(i + 1, BlobId.random(new java.security.SecureRandom()), part.length,
                    "00", Instant.EPOCH, Optional.of(crc(algorithm, part))));
        }
        assertThat(FullObjectChecksums.combine(algorithm, parts).orElseThrow().value()).isEqualTo(crc(algorithm, body));
    }

    private static String crc(String algorithm, byte[] data) {
        Checksum c = algorithm.equals("CRC32") ? new CRC32() : new CRC32C();
        c.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }
}
