package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoInputStream;
import com.amazonaws.encryptionsdk.CryptoOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/** The AWS Encryption SDK for Java encrypts and decrypts a file through a KMS keyring whose client is Coffer. */
class KmsEncryptionSdkEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void encryptionSdk_withAKmsKeyringOnCoffer_roundTripsAFile(@TempDir Path dir) throws Exception {
        try (KmsClient kms = coffer.kms()) {
            String keyArn = kms.createKey(r -> r.description("esdk")).keyMetadata().arn();
            MaterialProviders mpl = MaterialProviders.builder()
                    .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
            IKeyring keyring = mpl.CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder().kmsKeyId(keyArn)
                    .kmsClient(kms).build());
            AwsCrypto crypto = AwsCrypto.builder()
                    .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt).build();

            byte[] data = new byte[300_000];
            new SecureRandom().nextBytes(data);
            Path plain = Files.write(dir.resolve("plain.bin"), data);
            Path sealed = dir.resolve("plain.bin.encrypted");
            Map<String, String> context = Map.of("purpose", "esdk-test");
            try (InputStream in = Files.newInputStream(plain);
                 CryptoOutputStream<?> out = crypto.createEncryptingStream(keyring, Files.newOutputStream(sealed),
                         context)) {
                in.transferTo(out);
            }
            assertThat(Files.size(sealed)).isGreaterThan(data.length);

            Path opened = dir.resolve("opened.bin");
            try (CryptoInputStream<?> in = crypto.createDecryptingStream(keyring, Files.newInputStream(sealed));
                 OutputStream out = Files.newOutputStream(opened)) {
                in.transferTo(out);
                assertThat(in.getCryptoResult().getEncryptionContext()).containsAllEntriesOf(context);
            }
            assertThat(Files.readAllBytes(opened)).isEqualTo(data);
        }
    }
}
