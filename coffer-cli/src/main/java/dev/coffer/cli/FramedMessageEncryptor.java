package dev.coffer.cli;

import com.amazonaws.encryptionsdk.CMMHandler;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.internal.CommittedKey;
import com.amazonaws.encryptionsdk.internal.EncryptionContextSerializer;
import com.amazonaws.encryptionsdk.internal.TrailingSignatureAlgorithm;
import com.amazonaws.encryptionsdk.model.CiphertextFooters;
import com.amazonaws.encryptionsdk.model.CiphertextHeaders;
import com.amazonaws.encryptionsdk.model.CiphertextType;
import com.amazonaws.encryptionsdk.model.ContentType;
import com.amazonaws.encryptionsdk.model.EncryptionMaterialsHandler;
import com.amazonaws.encryptionsdk.model.EncryptionMaterialsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;

/**
 * Encrypts to a framed AWS Encryption SDK message. The SDK's materials manager (KMS: {@code GenerateDataKey},
 * and {@code Encrypt} for every further key) gives the data key, its encrypted copies and, for a signed suite,
 * the signing key; the SDK's classes make the header, the message id, the derived key and its commitment, as
 * its {@code EncryptionHandler} does, with the same checks and exceptions. The frames are encrypted here on
 * every core ({@link FrameEncryption}) and the footer is signed here. Files made so decrypt with every AWS
 * Encryption SDK and CLI (tested with the SDK for Java).
 */
final class FramedMessageEncryptor {
    private final CommitmentPolicy policy;
    private final ICryptographicMaterialsManager materialsManager;
    private final CryptoAlgorithm requested;
    private final int maxEncryptedDataKeys;
    private final FrameLayout layout;

    /**
     * @param requested the suite asked for, or {@code null} for the materials manager's default
     * @param maxEncryptedDataKeys as the SDK takes it: 0 for no limit
     */
    FramedMessageEncryptor(CommitmentPolicy policy, ICryptographicMaterialsManager materialsManager,
            CryptoAlgorithm requested, int maxEncryptedDataKeys, int frameLength) {
        this.policy = policy;
        this.materialsManager = materialsManager;
        this.requested = requested;
        this.maxEncryptedDataKeys = maxEncryptedDataKeys;
        this.layout = new FrameLayout(frameLength);
    }

    void encrypt(Map<String, String> context, InputStream plaintext, OutputStream out, Progress progress)
            throws IOException {
        EncryptionMaterialsHandler materials = materials(context);
        CryptoAlgorithm suite = materials.getAlgorithm();
        List<String> required = materials.getRequiredEncryptionContextKeys();
        Map<Boolean, Map<String, String>> parts = materials.getEncryptionContext().entrySet().stream()
                .collect(Collectors.partitioningBy(e -> required.contains(e.getKey()),
                        Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        if (materials.getEncryptedDataKeys().isEmpty()) {
            throw new IllegalArgumentException("No encrypted data keys in materials result");
        }
        CiphertextHeaders headers = new CiphertextHeaders(CiphertextType.CUSTOMER_AUTHENTICATED_ENCRYPTED_DATA, suite,
                EncryptionContextSerializer.serialize(parts.get(false)), materials.getEncryptedDataKeys(),
                ContentType.FRAME, layout.frameLength());
        headers.setHeaderNonce(new byte[suite.getNonceLen()]);
        SecretKey key = messageKey(suite, materials.getCleartextDataKey(), headers);
        headers.setHeaderTag(headerTag(key, suite, headers, EncryptionContextSerializer.serialize(parts.get(true))));
        byte[] header = headers.toByteArray();

        PrivateKey signingKey = materials.getTrailingSignatureKey();
        MessageDigest signedBytes = signingKey == null ? null : digest(suite);
        out.write(header);
        if (signedBytes != null) {
            signedBytes.update(header);
        }
        new FrameEncryption(key, headers.getMessageId(), layout, signedBytes, progress).run(plaintext, out);
        if (signingKey != null) {
            out.write(new CiphertextFooters(sign(suite, signingKey, signedBytes.digest())).toByteArray());
        }
    }

    /** As {@code AwsCrypto}'s encrypting stream asks for them, with its checks of the suite and the key count. */
    private EncryptionMaterialsHandler materials(Map<String, String> context) {
        EncryptionMaterialsHandler materials = new CMMHandler(materialsManager).getMaterialsForEncrypt(
                EncryptionMaterialsRequest.newBuilder().setContext(context).setRequestedAlgorithm(requested)
                        .setCommitmentPolicy(policy).build());
        if (requested != null && materials.getAlgorithm() != requested) {
            throw new AwsCryptoException(String.format("Materials manager ignored requested algorithm; algorithm %s"
                    + " was set on AwsCrypto but %s was selected", requested, materials.getAlgorithm()));
        }
        if (maxEncryptedDataKeys > 0 && materials.getEncryptedDataKeys().size() > maxEncryptedDataKeys) {
            throw new AwsCryptoException("Encrypted data keys exceed maxEncryptedDataKeys");
        }
        if (!policy.algorithmAllowedForEncrypt(materials.getAlgorithm())) {
            throw new AwsCryptoException("Configuration conflict. Cannot encrypt due to CommitmentPolicy " + policy
                    + " requiring only " + (policy == CommitmentPolicy.ForbidEncryptAllowDecrypt ? "non-" : "")
                    + "committed messages. Algorithm ID was " + materials.getAlgorithm() + ".");
        }
        return materials;
    }

    /** The derived key: with its commitment put in the header for a committing suite. */
    private static SecretKey messageKey(CryptoAlgorithm suite, SecretKey dataKey, CiphertextHeaders headers) {
        if (suite.isCommitting()) {
            CommittedKey committed = CommittedKey.generate(suite, dataKey, headers.getMessageId());
            headers.setSuiteData(committed.getCommitment());
            return committed.getKey();
        }
        try {
            return suite.getEncryptionKeyFromDataKey(dataKey, headers);
        } catch (InvalidKeyException e) {
            throw new AwsCryptoException(e);
        }
    }

    /** AES-GCM over nothing, with the header's fields (and any authenticated-only context) as AAD. */
    private static byte[] headerTag(SecretKey key, CryptoAlgorithm suite, CiphertextHeaders headers,
            byte[] authenticatedOnly) {
        try {
            Cipher cipher = FrameLayout.newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(suite.getTagLen() * 8, headers.getHeaderNonce()));
            cipher.updateAAD(FrameAad.header(headers, authenticatedOnly));
            return cipher.doFinal();
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }

    /**
     * The hash of the signed bytes. By name, so that the CLI's offloaded SHA-384 (installed first among the
     * providers) hashes on another core while the frames are written.
     */
    private static MessageDigest digest(CryptoAlgorithm suite) {
        try {
            return MessageDigest.getInstance(TrailingSignatureAlgorithm.forCryptoAlgorithm(suite)
                    .getMessageDigestAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }

    /**
     * ECDSA over the digest, in the fixed length the suite's footer has: as the SDK does, a DER signature of
     * another length gets {@code s} replaced by {@code n - s} (an equally valid signature), else is made again.
     */
    private static byte[] sign(CryptoAlgorithm suite, PrivateKey signingKey, byte[] digest) {
        try {
            Signature signer = Signature.getInstance(TrailingSignatureAlgorithm.forCryptoAlgorithm(suite)
                    .getRawSignatureAlgorithm());
            signer.initSign(signingKey, new SecureRandom());
            while (true) {
                signer.update(digest);
                byte[] signature = signer.sign();
                if (signature.length == suite.getTrailingSignatureLength()) {
                    return signature;
                }
                ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
                ASN1Integer r = (ASN1Integer) sequence.getObjectAt(0);
                ASN1Integer s = (ASN1Integer) sequence.getObjectAt(1);
                ASN1Integer flipped = new ASN1Integer(
                        ((ECPrivateKey) signingKey).getParams().getOrder().subtract(s.getPositiveValue()));
                signature = new DERSequence(new ASN1Encodable[] {r, flipped}).getEncoded();
                if (signature.length == suite.getTrailingSignatureLength()) {
                    return signature;
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new AwsCryptoException(e);
        }
    }

    @Override
    public String toString() {
        return "FramedMessageEncryptor[" + policy + ", " + layout + "]";
    }
}
