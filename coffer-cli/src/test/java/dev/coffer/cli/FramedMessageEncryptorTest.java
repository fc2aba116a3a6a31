package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateDefaultCryptographicMaterialsManagerInput;
import software.amazon.cryptography.materialproviders.model.CreateMultiKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * Coffer's frame encryptor checked by the AWS Encryption SDK for Java: every message it writes, of every suite,
 * size and frame length, decrypts with the SDK to the same plaintext and context, and has the layout (and so
 * the length) of the SDK's own message for the same input. Raw AES keyrings, so no KMS is needed.
 */
class FramedMessageEncryptorTest {
    private static final MaterialProviders MPL = MaterialProviders.builder()
            .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
    private static final IKeyring KEYRING = rawAesKeyring(1);
    private static final Map<String, String> CONTEXT = Map.of("purpose", "test", "host", "db1");

    @ParameterizedTest
    @EnumSource(value = CryptoAlgorithm.class, mode = EnumSource.Mode.MATCH_ALL, names = ".*GCM.*")
    void everySuite_decryptsWithTheSdk_andHasTheSdksLayout(CryptoAlgorithm suite) throws Exception {
        CommitmentPolicy policy = suite.isCommitting() ? CommitmentPolicy.RequireEncryptRequireDecrypt
                : CommitmentPolicy.ForbidEncryptAllowDecrypt;
        for (int frame : new int[] {1, 100, 4096, 65_536}) {
            for (int size : new int[] {0, 1, frame - 1, frame, frame + 1, 3 * frame, 3 * frame + 7, 200_000}) {
                if (size < 0 || (frame == 1 && size > 5000)) {
                    continue;
                }
                byte[] plain = random(size, size + frame);
                byte[] ours = encrypt(policy, suite, frame, plain, KEYRING);
                CryptoResult<byte[], ?> decrypted = sdk(policy).decryptData(KEYRING, ours);
                assertThat(decrypted.getResult()).as("%s, frame %d, %d bytes", suite, frame, size).isEqualTo(plain);
                assertThat(decrypted.getEncryptionContext()).containsAllEntriesOf(CONTEXT);
                byte[] theirs = sdk(policy).toBuilder().withEncryptionAlgorithm(suite).withEncryptionFrameSize(frame)
                        .build().encryptData(KEYRING, plain, CONTEXT).getResult();
                assertThat(ours).as("the SDK's length").hasSize(theirs.length);
                ParsedCiphertext header = new ParsedCiphertext(ours);
                assertThat(header.getOffset()).isEqualTo(new ParsedCiphertext(theirs).getOffset());
                assertThat(header.getFrameLength()).isEqualTo(frame);
                assertThat(header.getCryptoAlgoId()).isEqualTo(suite);
            }
        }
    }

    @Test
    void framesCarryTheirNumbers_andIvs_asTheSdksDo() throws Exception {
        int frame = 64;
        byte[] plain = random(3 * frame + 10, 5);
        byte[] ours = encrypt(CommitmentPolicy.RequireEncryptRequireDecrypt,
                CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY, frame, plain, KEYRING);
        int at = new ParsedCiphertext(ours).getOffset();
        for (int n = 1; n <= 3; n++, at += FrameLayout.REGULAR_HEADER + frame + FrameLayout.TAG) {
            assertThat(FrameLayout.intAt(ours, at)).isEqualTo(n);
            assertThat(Arrays.copyOfRange(ours, at + 4, at + 16)).isEqualTo(iv(n));
        }
        assertThat(FrameLayout.isFinal(ours, at)).isTrue();
        assertThat(FrameLayout.intAt(ours, at + 4)).isEqualTo(4);
        assertThat(Arrays.copyOfRange(ours, at + 8, at + 20)).isEqualTo(iv(4));
        assertThat(FrameLayout.intAt(ours, at + 20)).isEqualTo(10);
        assertThat(at + FrameLayout.FINAL_HEADER + 10 + FrameLayout.TAG).isEqualTo(ours.length);
    }

    @Test
    void twoKeys_eitherOpensTheMessage_andTheKeyLimitHolds() throws Exception {
        IKeyring other = rawAesKeyring(2);
        IKeyring both = MPL.CreateMultiKeyring(CreateMultiKeyringInput.builder().generator(KEYRING)
                .childKeyrings(java.util.List.of(other)).build());
        byte[] plain = random(10_000, 9);
        byte[] message = encrypt(CommitmentPolicy.RequireEncryptRequireDecrypt, null, 4096, plain, both);
        assertThat(sdk(CommitmentPolicy.RequireEncryptRequireDecrypt).decryptData(other, message).getResult())
                .isEqualTo(plain);
        assertThat(new ParsedCiphertext(message).getCryptoAlgoId())
                .as("the default suite").isEqualTo(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
        assertThatThrownBy(() -> new FramedMessageEncryptor(CommitmentPolicy.RequireEncryptRequireDecrypt,
                cmm(both), null, 1, 4096).encrypt(CONTEXT, new ByteArrayInputStream(plain),
                new ByteArrayOutputStream(), Progress.none()))
                .isInstanceOf(AwsCryptoException.class).hasMessageContaining("maxEncryptedDataKeys");
    }

    @Test
    void aNonCommittingSuite_isRefusedUnderTheDefaultPolicy() {
        assertThatThrownBy(() -> encrypt(CommitmentPolicy.RequireEncryptRequireDecrypt,
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA256, 4096, new byte[10], KEYRING))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void manyBlocksOnEveryCore_decryptWithTheSdk() throws Exception {
        byte[] plain = random(5_000_000, 3);
        for (int frame : new int[] {4096, 1 << 20, 3 << 20}) {
            byte[] message = encrypt(CommitmentPolicy.RequireEncryptRequireDecrypt, null, frame, plain, KEYRING);
            assertThat(sdk(CommitmentPolicy.RequireEncryptRequireDecrypt).decryptData(KEYRING, message).getResult())
                    .as("frame %d", frame).isEqualTo(plain);
        }
    }

    private static byte[] encrypt(CommitmentPolicy policy, CryptoAlgorithm suite, int frame, byte[] plain,
            IKeyring keyring) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FramedMessageEncryptor(policy, cmm(keyring), suite, 0, frame)
                .encrypt(CONTEXT, new ByteArrayInputStream(plain), out, Progress.none());
        return out.toByteArray();
    }

    private static ICryptographicMaterialsManager cmm(IKeyring keyring) {
        return MPL.CreateDefaultCryptographicMaterialsManager(
                CreateDefaultCryptographicMaterialsManagerInput.builder().keyring(keyring).build());
    }

    private static AwsCrypto sdk(CommitmentPolicy policy) {
        return AwsCrypto.builder().withCommitmentPolicy(policy).withMaterialProviders(MPL).build();
    }

    private static byte[] iv(long frame) {
        return ByteBuffer.allocate(12).putLong(4, frame).array();
    }

    private static IKeyring rawAesKeyring(int seed) {
        return MPL.CreateRawAesKeyring(CreateRawAesKeyringInput.builder().keyNamespace("coffer-test")
                .keyName("key-" + seed).wrappingKey(ByteBuffer.wrap(random(32, 1000 + seed)))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16).build());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
