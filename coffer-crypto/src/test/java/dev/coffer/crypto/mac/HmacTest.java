package dev.coffer.crypto.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HmacTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "message to authenticate".getBytes();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HMAC_224, HMAC_SHA_224, 28, HmacSHA224", "HMAC_256, HMAC_SHA_256, 32, HmacSHA256",
        "HMAC_384, HMAC_SHA_384, 48, HmacSHA384", "HMAC_512, HMAC_SHA_512, 64, HmacSHA512"})
    void compute_matchesTheJdksMacAndBouncyCastlesHMac(HmacKeySpec spec, MacAlgorithm algorithm, int keyBytes,
            String jcaName) throws Exception {
        HmacKey key = HmacKey.generate(spec, RANDOM);
        assertThat(key.material().length()).isEqualTo(keyBytes);
        assertThat(spec.macAlgorithm()).isEqualTo(algorithm);

        byte[] tag = Hmac.compute(key, algorithm, MESSAGE);

        Mac jdk = Mac.getInstance(jcaName);
        jdk.init(new SecretKeySpec(key.material().revealBytes(), jcaName));
        assertThat(tag).isEqualTo(jdk.doFinal(MESSAGE)).hasSize(algorithm.macBytes());
        HMac bc = new HMac(switch (algorithm) {
            case HMAC_SHA_224 -> new SHA224Digest();
            case HMAC_SHA_256 -> new SHA256Digest();
            case HMAC_SHA_384 -> new SHA384Digest();
            case HMAC_SHA_512 -> new SHA512Digest();
        });
        bc.init(new KeyParameter(key.material().revealBytes()));
        bc.update(MESSAGE, 0, MESSAGE.length);
        byte[] bcTag = new byte[bc.getMacSize()];
        bc.doFinal(bcTag, 0);
        assertThat(tag).isEqualTo(bcTag);
    }

    @ParameterizedTest
    @EnumSource(HmacKeySpec.class)
    void verify_acceptsTheTag_andRefusesAnyChange(HmacKeySpec spec) throws Exception {
        HmacKey key = HmacKey.generate(spec, RANDOM);
        MacAlgorithm algorithm = spec.macAlgorithm();
        byte[] tag = Hmac.compute(key, algorithm, MESSAGE);

        assertThat(Hmac.verify(key, algorithm, MESSAGE, tag)).isTrue();
        byte[] flippedTag = tag.clone();
        flippedTag[tag.length - 1] ^= 1;
        byte[] flippedMessage = MESSAGE.clone();
        flippedMessage[0] ^= 1;
        assertThat(Hmac.verify(key, algorithm, MESSAGE, flippedTag)).isFalse();
        assertThat(Hmac.verify(key, algorithm, flippedMessage, tag)).isFalse();
        assertThat(Hmac.verify(key, algorithm, MESSAGE, java.util.Arrays.copyOf(tag, tag.length - 1))).isFalse();
        assertThat(Hmac.verify(key, algorithm, MESSAGE, new byte[0])).isFalse();
        assertThat(Hmac.verify(HmacKey.generate(spec, RANDOM), algorithm, MESSAGE, tag)).isFalse();
    }

    @Test
    void compute_withTheAlgorithmOfAnotherSpec_failsWithIncompatibleAlgorithm() {
        HmacKey key = HmacKey.generate(HmacKeySpec.HMAC_256, RANDOM);
        assertRefused(() -> Hmac.compute(key, MacAlgorithm.HMAC_SHA_512, MESSAGE), Reason.INCOMPATIBLE_ALGORITHM,
                "MAC algorithm HMAC_SHA_512 is not supported by a HMAC_256 key");
        assertRefused(() -> Hmac.verify(key, MacAlgorithm.HMAC_SHA_224, MESSAGE, new byte[28]),
                Reason.INCOMPATIBLE_ALGORITHM, "HMAC_SHA_224");
    }

    @Test
    void compute_withMessageOutsideOneTo4096Bytes_failsWithInvalidInput() throws Exception {
        HmacKey key = HmacKey.generate(HmacKeySpec.HMAC_384, RANDOM);
        assertThat(Hmac.compute(key, MacAlgorithm.HMAC_SHA_384, new byte[4096])).hasSize(48);
        assertThat(Hmac.compute(key, MacAlgorithm.HMAC_SHA_384, new byte[1])).hasSize(48);
        assertRefused(() -> Hmac.compute(key, MacAlgorithm.HMAC_SHA_384, new byte[4097]), Reason.INVALID_INPUT,
                "Message must be 1 to 4096 bytes, got 4097");
        assertRefused(() -> Hmac.compute(key, MacAlgorithm.HMAC_SHA_384, new byte[0]), Reason.INVALID_INPUT,
                "got 0");
    }

    @Test
    void of_acceptsMaterialWithinTheSpecsRange_only() throws Exception {
        assertThat(HmacKey.of(HmacKeySpec.HMAC_224, Secret.random(64, RANDOM)).spec())
                .isEqualTo(HmacKeySpec.HMAC_224);
        assertThat(HmacKey.of(HmacKeySpec.HMAC_512, Secret.random(128, RANDOM)).spec())
                .isEqualTo(HmacKeySpec.HMAC_512);
        assertRefused(() -> HmacKey.of(HmacKeySpec.HMAC_256, Secret.random(31, RANDOM)),
                Reason.INVALID_KEY_MATERIAL, "Key material for HMAC_256 must be 32 to 64 bytes, got 31");
        assertRefused(() -> HmacKey.of(HmacKeySpec.HMAC_384, Secret.random(129, RANDOM)),
                Reason.INVALID_KEY_MATERIAL, "48 to 128 bytes, got 129");
    }

    @Test
    void toString_printsNoKeyMaterial_andCloseZeroesIt() {
        HmacKey key = HmacKey.generate(HmacKeySpec.HMAC_256, RANDOM);
        byte[] bytes = key.material().revealBytes();
        assertThat(key.toString()).isEqualTo("HmacKey[HMAC_256, 32 bytes]")
                .doesNotContain(HexFormat.of().formatHex(bytes));

        key.close();

        assertThat(bytes).containsOnly(0);
    }

    @Test
    void specs_haveOneAlgorithmAndTheMacUsage() {
        for (HmacKeySpec spec : HmacKeySpec.values()) {
            assertThat(spec.keyUsage().name()).isEqualTo("GENERATE_VERIFY_MAC");
            assertThat(spec.macAlgorithm().name()).endsWith(spec.name().substring("HMAC_".length()));
        }
        assertThat(HmacKeySpec.fromWireName("HMAC_224")).contains(HmacKeySpec.HMAC_224);
        assertThat(HmacKeySpec.fromWireName("hmac_224")).isEmpty();
        assertThat(MacAlgorithm.fromWireName("HMAC_SHA_512")).contains(MacAlgorithm.HMAC_SHA_512);
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertRefused(Call call, Reason reason, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(KeyOperationException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}
