package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoOutputStream;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateDefaultCryptographicMaterialsManagerInput;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * Coffer's frame decryptor against the AWS Encryption SDK's own decrypting stream, message by message: every
 * message both accept gives the same plaintext, and every modified or cut-short one fails in both with the same
 * one-line error — except where this decryptor is stricter on purpose (the frames' stored sequence numbers, which
 * the SDK ignores). Messages come from the SDK, under a raw AES keyring, so no KMS is needed.
 */
class FramedMessageDecryptorTest {
    private static final int FRAME = 128;
    private static final MaterialProviders MPL = MaterialProviders.builder()
            .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
    private static final IKeyring KEYRING = rawAesKeyring(1);
    private static final IKeyring OTHER_KEYRING = rawAesKeyring(2);
    private static final Map<String, String> CONTEXT = Map.of("purpose", "test", "host", "db1");

    @TempDir
    Path dir;

    /** The suites of message format version 2 (committing) and, allowed by the policy, version 1. */
    enum Suite {
        COMMIT_SIGNED(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384,
                CommitmentPolicy.RequireEncryptRequireDecrypt),
        COMMIT(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY, CommitmentPolicy.RequireEncryptRequireDecrypt),
        LEGACY_SIGNED_P256(CryptoAlgorithm.ALG_AES_128_GCM_IV12_TAG16_HKDF_SHA256_ECDSA_P256,
                CommitmentPolicy.ForbidEncryptAllowDecrypt),
        LEGACY(CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA256, CommitmentPolicy.ForbidEncryptAllowDecrypt);

        final CryptoAlgorithm algorithm;
        final CommitmentPolicy policy;

        Suite(CryptoAlgorithm algorithm, CommitmentPolicy policy) {
            this.algorithm = algorithm;
            this.policy = policy;
        }

        boolean signed() {
            return algorithm.getTrailingSignatureLength() > 0;
        }
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void plaintextOfEverySize_decryptsAsTheSdkDoes(Suite suite) throws Exception {
        for (int size : new int[] {0, 1, FRAME - 1, FRAME, FRAME + 1, 3 * FRAME, 5 * FRAME + 17, 40_000}) {
            byte[] plain = random(size, size);
            byte[] message = encrypt(suite, plain, FRAME);
            Outcome sdk = sdk(suite, message, KEYRING);
            assertThat(sdk.plaintext()).as("SDK, %d bytes", size).isEqualTo(plain);
            for (Input input : Input.values()) {
                Outcome ours = ours(suite, message, KEYRING, input);
                assertThat(ours.taken()).as("fast path taken").isTrue();
                assertThat(ours.plaintext()).as("%s, %d bytes", input, size).isEqualTo(plain);
            }
        }
    }

    @Test
    void largeMessageOfManyBlocks_decryptsOnEveryCore() throws Exception {
        byte[] plain = random(3_000_000, 7);
        for (int frame : new int[] {4096, 65_536, 1 << 20, 3 << 20}) {
            byte[] message = encrypt(Suite.COMMIT_SIGNED, plain, frame);
            for (Input input : Input.values()) {
                assertThat(ours(Suite.COMMIT_SIGNED, message, KEYRING, input).plaintext())
                        .as("frame %d, %s", frame, input).isEqualTo(plain);
            }
        }
    }

    /** Every bit of the message flipped in turn (one per byte, the bit varying): both fail, with the same error. */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void anyFlippedBit_failsAsInTheSdk_andSequenceNumbersAreCheckedToo(Suite suite) throws Exception {
        byte[] plain = random(3 * FRAME + 40, 11);
        byte[] message = encrypt(suite, plain, FRAME);
        boolean[] sequenceField = sequenceFields(message);
        int taken = 0;
        int ignoredBySdk = 0;
        for (int at = 0; at < message.length; at++) {
            byte[] tampered = message.clone();
            tampered[at] ^= (byte) (1 << (at % 8));
            Outcome sdk = sdk(suite, tampered, KEYRING);
            Outcome ours = ours(suite, tampered, KEYRING, at % 2 == 0 ? Input.STREAM : Input.FILE);
            assertThat(ours.failure()).as("byte %d: must fail", at).isNotNull();
            if (!ours.taken()) {
                continue; // the SDK decrypted it, by construction the same
            }
            taken++;
            if (sequenceField[at]) {
                // A frame's stored number, or the final frame's marker: the SDK (3.0.2) puts the expected number
                // in the AAD and ignores the stored one, so it accepts some of these unsigned messages. This
                // decryptor refuses them all.
                if (sdk.failure() == null) {
                    assertThat(suite.signed()).as("byte %d", at).isFalse();
                    assertThat(ours.failure()).as("byte %d", at).contains("sequence number");
                    ignoredBySdk++;
                }
                continue;
            }
            assertThat(ours.failure()).as("byte %d", at).isEqualTo(sdk.failure());
            assertThat(ours.exit()).as("byte %d", at).isEqualTo(sdk.exit());
        }
        assertThat(taken).as("bytes past the header").isGreaterThan(4 * FRAME);
        assertThat(ignoredBySdk).as("flips only this decryptor notices").isEqualTo(suite.signed() ? 0 : 4 * 4); // 4 bytes of each of the 4 frames
    }

    @ParameterizedTest
    @EnumSource(Suite.class)
    void everyTruncation_failsAsInTheSdk(Suite suite) throws Exception {
        byte[] message = encrypt(suite, random(3 * FRAME + 40, 13), FRAME);
        for (int length = 0; length < message.length; length++) {
            byte[] cut = Arrays.copyOf(message, length);
            Outcome sdk = sdk(suite, cut, KEYRING);
            Outcome ours = ours(suite, cut, KEYRING, length % 2 == 0 ? Input.STREAM : Input.FILE);
            assertThat(ours.failure()).as("%d of %d bytes", length, message.length).isEqualTo(sdk.failure());
        }
    }

    /**
     * The SDK ignores bytes after a message (a signed one: only within its first write); here they are an error,
     * so that a second message concatenated to the first is not dropped without a word.
     */
    @ParameterizedTest
    @EnumSource(Suite.class)
    void bytesAfterTheMessage_areRefused(Suite suite) throws Exception {
        byte[] plain = random(2 * FRAME + 5, 17);
        byte[] message = encrypt(suite, plain, FRAME);
        for (int extra : new int[] {1, 3000, (1 << 20) + 10_000}) {
            byte[] longer = Arrays.copyOf(message, message.length + extra);
            for (Input input : Input.values()) {
                Outcome ours = ours(suite, longer, KEYRING, input);
                assertThat(ours.failure()).as("%d more bytes, %s", extra, input)
                        .startsWith("more bytes follow the end of the message");
                assertThat(ours.exit()).isEqualTo(1);
            }
        }
        byte[] twice = Arrays.copyOf(message, 2 * message.length);
        System.arraycopy(message, 0, twice, message.length, message.length);
        assertThat(ours(suite, twice, KEYRING, Input.STREAM).failure()).contains("two messages in one file");
    }

    /**
     * What the signature is for: whoever can decrypt the data key (any reader) can forge a frame that
     * authenticates under it, but cannot sign. A forged frame fails the signed suite and passes the unsigned one.
     */
    @ParameterizedTest
    @EnumSource(value = Suite.class, names = {"COMMIT_SIGNED", "COMMIT"})
    void aFrameForgedWithTheDataKey_failsOnlyTheSignature(Suite suite) throws Exception {
        byte[] plain = random(3 * FRAME, 47);
        byte[] message = encrypt(suite, plain, FRAME);
        ParsedCiphertext header = new ParsedCiphertext(message);
        var materials = new com.amazonaws.encryptionsdk.CMMHandler(cmm(KEYRING)).decryptMaterials(
                com.amazonaws.encryptionsdk.model.DecryptionMaterialsRequest.fromCiphertextHeaders(header),
                suite.policy);
        javax.crypto.SecretKey key = suite.algorithm.getEncryptionKeyFromDataKey(materials.getDataKey().getKey(),
                header);
        int second = header.getOffset() + FrameLayout.REGULAR_HEADER + FRAME + FrameLayout.TAG;
        byte[] forgedPlain = random(FRAME, 53);
        javax.crypto.Cipher cipher = FrameLayout.newCipher();
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key,
                new javax.crypto.spec.GCMParameterSpec(128, message, second + 4, FrameLayout.IV));
        cipher.updateAAD(new FrameAad(header.getMessageId()).regular(2, FRAME));
        byte[] forged = message.clone();
        cipher.doFinal(forgedPlain, 0, FRAME, forged, second + FrameLayout.REGULAR_HEADER);

        Outcome ours = ours(suite, forged, KEYRING, Input.FILE);
        if (suite.signed()) {
            assertThat(ours.failure()).contains("its signature does not verify");
            assertThat(sdk(suite, forged, KEYRING).failure()).isEqualTo(ours.failure());
        } else {
            byte[] expected = plain.clone();
            System.arraycopy(forgedPlain, 0, expected, FRAME, FRAME);
            assertThat(ours.plaintext()).isEqualTo(expected);
        }
    }

    @Test
    void aNamedPipe_isReadLikeAFile() throws Exception {
        byte[] plain = random(300_000, 59);
        byte[] message = encrypt(Suite.COMMIT_SIGNED, plain, FRAME);
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Files.write(fifo, message);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (Transfer.Input in = Transfer.open(fifo.toString(), stdio())) {
            MessageHead head = MessageHead.read(in.stream(), 0);
            assertThat(run(Suite.COMMIT_SIGNED, head, in, FramedMessageDecryptor.startHash(head), KEYRING)
                    .plaintext()).isEqualTo(plain);
        }
        writer.join();
    }

    @Test
    void anotherKey_failsAsInTheSdk() throws Exception {
        byte[] message = encrypt(Suite.COMMIT_SIGNED, random(1000, 19), FRAME);
        Outcome sdk = sdk(Suite.COMMIT_SIGNED, message, OTHER_KEYRING);
        Outcome ours = ours(Suite.COMMIT_SIGNED, message, OTHER_KEYRING, Input.FILE);
        assertThat(sdk.failure()).isNotNull();
        assertThat(ours.failure()).isEqualTo(sdk.failure());
        assertThat(ours.output()).isZero();
    }

    @Test
    void framesSwapped_fail() throws Exception {
        byte[] message = encrypt(Suite.COMMIT, random(3 * FRAME, 23), FRAME);
        int header = new ParsedCiphertext(message).getOffset();
        int stride = FrameLayout.REGULAR_HEADER + FRAME + FrameLayout.TAG;
        byte[] swapped = message.clone();
        System.arraycopy(message, header, swapped, header + stride, stride);
        System.arraycopy(message, header + stride, swapped, header, stride);
        Outcome ours = ours(Suite.COMMIT, swapped, KEYRING, Input.STREAM);
        assertThat(ours.failure()).contains("sequence number");
        assertThat(ours.output()).isZero();
        // With the stored numbers swapped back, the frames fail authentication (the AAD holds the expected one).
        byte[] renumbered = swapped.clone();
        System.arraycopy(message, header, renumbered, header, 4);
        System.arraycopy(message, header + stride, renumbered, header + stride, 4);
        assertThat(ours(Suite.COMMIT, renumbered, KEYRING, Input.STREAM).failure())
                .isEqualTo(sdk(Suite.COMMIT, renumbered, KEYRING).failure()).contains("fails authentication");
    }

    @Test
    void messagesNotTaken_goToTheSdk() throws Exception {
        byte[] unframed = encrypt(Suite.COMMIT, random(300, 37), 0);
        MessageHead head = MessageHead.read(new ByteArrayInputStream(unframed), 0);
        assertThat(head.headers()).isNotNull();
        assertThat(FramedMessageDecryptor.accepts(head, CommitmentPolicy.RequireEncryptRequireDecrypt, 0)).isFalse();
        byte[] legacy = encrypt(Suite.LEGACY, random(300, 41), FRAME);
        assertThat(FramedMessageDecryptor.accepts(MessageHead.read(new ByteArrayInputStream(legacy), 0),
                CommitmentPolicy.RequireEncryptRequireDecrypt, 0)).as("refused by the policy").isFalse();
        byte[] twoKeys = encryptForTwoKeys(random(300, 43));
        assertThat(FramedMessageDecryptor.accepts(MessageHead.read(new ByteArrayInputStream(twoKeys), 1),
                CommitmentPolicy.RequireEncryptRequireDecrypt, 1)).as("too many data keys").isFalse();
        assertThat(MessageHead.read(new ByteArrayInputStream(new byte[] {2, 5}), 0).headers()).isNull();
    }

    // --- the two decryptors ---

    enum Input { STREAM, FILE }

    /** What a decrypt gave: plaintext, or the one-line error and exit code the command would print. */
    record Outcome(boolean taken, byte[] plaintext, String failure, int exit, int output) {
        static Outcome of(boolean taken, ByteArrayOutputStream out, Exception e) {
            if (e == null) {
                return new Outcome(taken, out.toByteArray(), null, 0, out.size());
            }
            CliException described = Failures.describe(e, true);
            return new Outcome(taken, null, described.getMessage(), described.exitCode(), out.size());
        }
    }

    private static Outcome sdk(Suite suite, byte[] message, IKeyring keyring) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(suite.policy).withMaterialProviders(MPL).build();
            CryptoOutputStream<?> decrypting = crypto.createDecryptingStream(keyring, out);
            Transfer.copy(new ByteArrayInputStream(message), decrypting, Progress.none(), Transfer.CHUNK);
            decrypting.close();
            return Outcome.of(true, out, null);
        } catch (Exception e) {
            return Outcome.of(true, out, e);
        }
    }

    private Outcome ours(Suite suite, byte[] message, IKeyring keyring, Input input) throws IOException {
        Path file = dir.resolve("message");
        Files.write(file, message);
        try (Transfer.Input in = input == Input.FILE ? Transfer.open(file.toString(), stdio())
                : new Transfer.Input(new ByteArrayInputStream(message), -1)) {
            MessageHead head = MessageHead.read(in.stream(), 0);
            if (!FramedMessageDecryptor.accepts(head, suite.policy, 0)) {
                Outcome sdk = sdk(suite, message, keyring);
                return new Outcome(false, sdk.plaintext(), sdk.failure(), sdk.exit(), sdk.output());
            }
            return run(suite, head, in, FramedMessageDecryptor.startHash(head), keyring);
        }
    }

    private static Outcome run(Suite suite, MessageHead head, Transfer.Input in, MessageDigest hash,
            IKeyring keyring) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new FramedMessageDecryptor(suite.policy, cmm(keyring)).decrypt(head, in.stream(), hash, context -> {
                assertThat(context).containsAllEntriesOf(CONTEXT);
            }, out, Progress.none());
            return Outcome.of(true, out, null);
        } catch (Exception e) {
            return Outcome.of(true, out, e);
        }
    }

    private static ICryptographicMaterialsManager cmm(IKeyring keyring) {
        return MPL.CreateDefaultCryptographicMaterialsManager(
                CreateDefaultCryptographicMaterialsManagerInput.builder().keyring(keyring).build());
    }

    // --- messages ---

    private static byte[] encrypt(Suite suite, byte[] plain, int frame) {
        return AwsCrypto.builder().withCommitmentPolicy(suite.policy).withMaterialProviders(MPL)
                .withEncryptionAlgorithm(suite.algorithm).withEncryptionFrameSize(frame).build()
                .encryptData(KEYRING, plain, CONTEXT).getResult();
    }

    private static byte[] encryptForTwoKeys(byte[] plain) {
        IKeyring both = MPL.CreateMultiKeyring(software.amazon.cryptography.materialproviders.model
                .CreateMultiKeyringInput.builder().generator(KEYRING).childKeyrings(List.of(OTHER_KEYRING)).build());
        return AwsCrypto.builder().withMaterialProviders(MPL).withEncryptionFrameSize(FRAME).build()
                .encryptData(both, plain, CONTEXT).getResult();
    }

    /** Which bytes are a frame's stored sequence number, or the final frame's marker and number. */
    private static boolean[] sequenceFields(byte[] message) {
        boolean[] field = new boolean[message.length];
        int at = new ParsedCiphertext(message).getOffset();
        while (at + 4 <= message.length) {
            boolean last = FrameLayout.isFinal(message, at);
            int length = last ? 8 : 4;
            Arrays.fill(field, at, Math.min(message.length, at + length), true);
            if (last) {
                break;
            }
            at += FrameLayout.REGULAR_HEADER + FRAME + FrameLayout.TAG;
        }
        return field;
    }

    private static IKeyring rawAesKeyring(int seed) {
        byte[] key = random(32, 1000 + seed);
        return MPL.CreateRawAesKeyring(CreateRawAesKeyringInput.builder().keyNamespace("coffer-test")
                .keyName("key-" + seed).wrappingKey(ByteBuffer.wrap(key))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16).build());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static Stdio stdio() {
        return new Stdio(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream()), false);
    }
}
