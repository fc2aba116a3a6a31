package dev.coffer.cli;

import com.amazonaws.encryptionsdk.CMMHandler;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import com.amazonaws.encryptionsdk.internal.EncryptionContextSerializer;
import com.amazonaws.encryptionsdk.internal.TrailingSignatureAlgorithm;
import com.amazonaws.encryptionsdk.model.CiphertextHeaders;
import com.amazonaws.encryptionsdk.model.CiphertextType;
import com.amazonaws.encryptionsdk.model.ContentType;
import com.amazonaws.encryptionsdk.model.DecryptionMaterialsHandler;
import com.amazonaws.encryptionsdk.model.DecryptionMaterialsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;

/**
 * Decrypts a framed AWS Encryption SDK message: the SDK and its Material Providers Library parse the header, pick
 * and unwrap the data key (KMS), derive the message key and check its commitment, exactly as the SDK's decrypting
 * stream does; the header's tag, the frames ({@link FrameDecryption}, on every core) and the footer's signature
 * are checked here, in the order {@code DecryptionHandler} checks them, with the same exceptions.
 *
 * <p>Messages this does not take ({@link #accepts}: not framed, frames over 16 MiB, a header the SDK would write
 * differently, a suite the commitment policy refuses, too many data keys) go to the SDK's own stream, which also
 * gives its own error for each.
 */
final class FramedMessageDecryptor {
    static final String TRAILING = "Bytes follow the end of the message";
    private final CommitmentPolicy policy;
    private final ICryptographicMaterialsManager materialsManager;

    FramedMessageDecryptor(CommitmentPolicy policy, ICryptographicMaterialsManager materialsManager) {
        this.policy = policy;
        this.materialsManager = materialsManager;
    }

    /**
     * Whether the message this head starts can be decrypted here.
     *
     * @param maxEncryptedDataKeys as the SDK takes it: 0 for no limit
     */
    static boolean accepts(MessageHead head, CommitmentPolicy policy, int maxEncryptedDataKeys) {
        CiphertextHeaders headers = head.headers();
        if (headers == null) {
            return false;
        }
        CryptoAlgorithm suite = headers.getCryptoAlgoId();
        return suite != null
                && headers.getType() == CiphertextType.CUSTOMER_AUTHENTICATED_ENCRYPTED_DATA
                && headers.getContentType() == ContentType.FRAME
                && headers.getFrameLength() >= 1 && headers.getFrameLength() <= FrameLayout.MAX_FRAME_LENGTH
                && headers.getNonceLength() == FrameLayout.IV && suite.getNonceLen() == FrameLayout.IV
                && suite.getTagLen() == FrameLayout.TAG
                && policy.algorithmAllowedForDecrypt(suite)
                && (maxEncryptedDataKeys <= 0 || headers.getEncryptedKeyBlobCount() <= maxEncryptedDataKeys)
                // The signature covers the header as the SDK serializes it; hashing it as read needs both equal.
                && Arrays.equals(headers.toByteArray(), head.headerBytes());
    }

    /**
     * For a signed suite, the hash of the signed bytes, given the header: by name, so that the offloaded SHA-384
     * the commands install hashes on a core of its own. {@code null} for an unsigned suite.
     */
    static MessageDigest startHash(MessageHead head) {
        CryptoAlgorithm suite = head.headers().getCryptoAlgoId();
        if (suite.getTrailingSignatureLength() == 0) {
            return null;
        }
        String algorithm = TrailingSignatureAlgorithm.forCryptoAlgorithm(suite).getMessageDigestAlgorithm();
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(head.read(), 0, head.length());
            return digest;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    /**
     * Decrypts the message to {@code out}.
     *
     * @param rest the input after the bytes the head read
     * @param signedBytes for a signed suite the hash of its signed bytes, given the header ({@link #startHash}),
     *     else {@code null}
     * @param checkContext sees the message's encryption context before any plaintext is written
     */
    void decrypt(MessageHead head, InputStream rest, MessageDigest signedBytes,
            Consumer<Map<String, String>> checkContext, OutputStream out, Progress progress) throws IOException {
        CiphertextHeaders headers = head.headers();
        CryptoAlgorithm suite = headers.getCryptoAlgoId();
        DecryptionMaterialsHandler materials = new CMMHandler(materialsManager).decryptMaterials(
                DecryptionMaterialsRequest.newBuilder()
                        .setAlgorithm(suite)
                        .setEncryptionContext(headers.getEncryptionContextMap())
                        .setReproducedEncryptionContext(Map.of())
                        .setEncryptedDataKeys(headers.getEncryptedKeyBlobs())
                        .build(),
                policy);
        Map<String, String> context = materials.getEncryptionContext();
        List<String> required = materials.getRequiredEncryptionContextKeys();
        byte[] authenticatedOnly = EncryptionContextSerializer.serialize(context.entrySet().stream()
                .filter(e -> required.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        SecretKey key;
        try {
            key = suite.getEncryptionKeyFromDataKey(materials.getDataKey().getKey(), headers);
        } catch (InvalidKeyException e) {
            throw new AwsCryptoException(e);
        }
        PublicKey verificationKey = materials.getTrailingSignatureKey();
        if ((signedBytes != null) != (verificationKey != null)) {
            throw new AwsCryptoException(signedBytes == null ? "Unexpected trailing signature key in context"
                    : "Missing trailing signature key for a signed algorithm suite");
        }
        verifyHeader(key, suite, headers, authenticatedOnly);
        checkContext.accept(context);

        progress.advance(head.length());
        InputStream body = Transfer.prefixed(head.read(), head.length(), rest);
        FrameDecryption frames = new FrameDecryption(key, headers.getMessageId(),
                new FrameLayout(headers.getFrameLength()), signedBytes, progress);
        InputStream after = Transfer.prefixed(frames.run(body, out), 0, body);
        if (signedBytes != null) {
            verifySignature(signedBytes, after, verificationKey);
        }
        if (after.read() >= 0) {
            // The SDK ignores them (signed messages: only within its first write); a second message concatenated
            // to the first would be dropped without a word.
            throw new BadCiphertextException(TRAILING);
        }
    }

    /** The header's tag: AES-GCM over nothing, with the header (and any authenticated-only context) as AAD. */
    private static void verifyHeader(SecretKey key, CryptoAlgorithm suite, CiphertextHeaders headers,
            byte[] authenticatedOnly) {
        try {
            Cipher cipher = FrameLayout.newCipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(suite.getTagLen() * 8, headers.getHeaderNonce()));
            cipher.updateAAD(FrameAad.header(headers, authenticatedOnly));
            cipher.doFinal(headers.getHeaderTag());
        } catch (AEADBadTagException e) {
            throw new BadCiphertextException("Header integrity check failed.", new BadCiphertextException(e));
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }

    /** Reads the footer (its length, then the signature) and checks it against the hash of all before it. */
    private static void verifySignature(MessageDigest signedBytes, InputStream footer, PublicKey verificationKey)
            throws IOException {
        byte[] length = footer.readNBytes(2);
        if (length.length < 2) {
            throw new BadCiphertextException("Unable to process entire ciphertext.");
        }
        int signatureLength = (length[0] & 0xff) << 8 | length[1] & 0xff;
        byte[] signature = footer.readNBytes(signatureLength);
        if (signature.length < signatureLength) {
            throw new BadCiphertextException("Unable to process entire ciphertext.");
        }
        byte[] digest = signedBytes.digest();
        try {
            // The hash is taken apart from the signature (see startHash); ECDSA over a digest of the curve's size
            // ("NONEwithECDSA") is the same computation as SHA384withECDSA over the bytes.
            Signature verifier = Signature.getInstance("NONEwithECDSA", "SunEC");
            verifier.initVerify(verificationKey);
            verifier.update(digest);
            if (!verifier.verify(signature)) {
                throw new BadCiphertextException("Bad trailing signature");
            }
        } catch (SignatureException e) {
            throw new BadCiphertextException("Bad trailing signature", e);
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }

    @Override
    public String toString() {
        return "FramedMessageDecryptor[" + policy + "]";
    }
}
