package dev.coffer.crypto.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SymmetricBlobTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final UUID KEY = UUID.fromString("1234abcd-5678-90ef-1234-567890abcdef");
    private static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/" + KEY;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Vector(String name, Map<String, String> fields) {
        byte[] hex(String f) {
            return HEX.parseHex(fields.get(f));
        }

        Map<String, String> context() {
            Map<String, String> ctx = new LinkedHashMap<>();
            String raw = fields.get("context");
            if (!raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    ctx.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return ctx;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = SymmetricBlobTest.class.getResourceAsStream("symmetric-blob-v1.txt")) {
            Vector current = null;
            for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
                if (line.startsWith("[")) {
                    current = new Vector(line.substring(1, line.length() - 1), new LinkedHashMap<>());
                    out.add(current);
                } else if (current != null && line.contains("=")) {
                    int eq = line.indexOf('=');
                    current.fields().put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void seal_withVectorInputs_producesTheKnownBlob(Vector v) throws Exception {
        try (Secret material = Secret.wrap(v.hex("material"))) {
            byte[] blob = SymmetricBlob.seal(UUID.fromString(v.fields().get("keyId")),
                    Integer.parseInt(v.fields().get("keyVersion")), v.fields().get("keyArn"), material, v.context(),
                    v.hex("plaintext"), v.hex("salt"), v.hex("iv"));
            assertThat(HEX.formatHex(blob)).isEqualTo(v.fields().get("blob"));
            assertThat(SymmetricBlob.open(blob, v.fields().get("keyArn"), material, v.context()))
                    .isEqualTo(v.hex("plaintext"));
            assertThat(SymmetricBlob.peek(blob)).isEqualTo(new SymmetricBlob.Header(
                    UUID.fromString(v.fields().get("keyId")), Integer.parseInt(v.fields().get("keyVersion"))));
        }
    }

    @Test
    void open_withContextInAnotherOrder_succeeds() throws Exception {
        try (Secret material = Secret.random(32, RANDOM)) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("a", "1");
            a.put("b", "2");
            Map<String, String> b = new LinkedHashMap<>();
            b.put("b", "2");
            b.put("a", "1");
            byte[] blob = SymmetricBlob.seal(RANDOM, KEY, 1, ARN, material, a, new byte[] {7});
            assertThat(SymmetricBlob.open(blob, ARN, material, b)).containsExactly(7);
        }
    }

    @Test
    void canonicalContext_isUnambiguous() {
        assertThat(SymmetricBlob.canonicalContext(Map.of("ab", "c")))
                .isNotEqualTo(SymmetricBlob.canonicalContext(Map.of("a", "bc")));
        assertThat(SymmetricBlob.canonicalContext(Map.of())).containsExactly(0, 0, 0, 0);
    }

    @Test
    void open_withEveryBitFlipped_fails() throws Exception {
        try (Secret material = Secret.random(32, RANDOM)) {
            byte[] blob = SymmetricBlob.seal(RANDOM, KEY, 2, ARN, material, Map.of("k", "v"), "secret".getBytes(UTF_8));
            for (int bit = 0; bit < blob.length * 8; bit++) {
                byte[] tampered = blob.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                int b = bit;
                assertThatThrownBy(() -> SymmetricBlob.open(tampered, ARN, material, Map.of("k", "v")))
                        .as("bit %d", b).isInstanceOf(CryptoException.class);
            }
        }
    }

    @Test
    void open_ofTruncatedBlob_failsAtEveryLength() throws Exception {
        try (Secret material = Secret.random(32, RANDOM)) {
            byte[] blob = SymmetricBlob.seal(RANDOM, KEY, 1, ARN, material, Map.of(), "secret".getBytes(UTF_8));
            for (int len = 0; len < blob.length; len++) {
                byte[] cut = Arrays.copyOf(blob, len);
                assertThatThrownBy(() -> SymmetricBlob.open(cut, ARN, material, Map.of()))
                        .isInstanceOf(CryptoException.class);
            }
        }
    }

    @Test
    void open_withWrongOrMissingContext_fails() throws Exception {
        try (Secret material = Secret.random(32, RANDOM)) {
            byte[] blob = SymmetricBlob.seal(RANDOM, KEY, 1, ARN, material, Map.of("k", "v"), new byte[] {1});
            assertThatThrownBy(() -> SymmetricBlob.open(blob, ARN, material, Map.of()))
                    .isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> SymmetricBlob.open(blob, ARN, material, Map.of("k", "V")))
                    .isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> SymmetricBlob.open(blob, ARN, material, Map.of("k", "v", "x", "y")))
                    .isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void open_underAnotherArnOrMaterial_fails() throws Exception {
        try (Secret material = Secret.random(32, RANDOM); Secret other = Secret.random(32, RANDOM)) {
            byte[] blob = SymmetricBlob.seal(RANDOM, KEY, 1, ARN, material, Map.of(), new byte[] {1});
            assertThatThrownBy(() -> SymmetricBlob.open(blob, ARN.replace("111122223333", "999999999999"), material,
                    Map.of())).isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> SymmetricBlob.open(blob, ARN, other, Map.of())).isInstanceOf(CryptoException.class);
        }
    }
}
