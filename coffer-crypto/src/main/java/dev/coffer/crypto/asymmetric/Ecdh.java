package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * DeriveSharedSecret: ECDH (the cofactor Diffie-Hellman primitive of SP 800-56A; the NIST curves' cofactor is 1)
 * between a KMS key's private key and a peer's public key. The JDK does all of it, including the check that the
 * peer's point lies on the curve.
 *
 * <p>The result is the raw shared secret — the x-coordinate of the shared point, as many bytes as the field
 * (32, 48 or 66) — which is what KMS returns; deriving a key from it is the caller's business.
 */
public final class Ecdh {
    private Ecdh() {}

    /**
     * Derives the shared secret with a peer whose public key is {@code peerPublicKeyDer} (DER SubjectPublicKeyInfo).
     *
     * @throws KeyOperationException {@link Reason#INCOMPATIBLE_ALGORITHM} if the key's spec has no key agreement;
     *     {@link Reason#INVALID_PUBLIC_KEY} if the peer key is malformed, not an elliptic-curve key of the same
     *     curve, or not a valid point
     */
    public static Secret deriveSharedSecret(AsymmetricPrivateKey privateKey, byte[] peerPublicKeyDer)
            throws KeyOperationException {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(peerPublicKeyDer, "peerPublicKeyDer");
        AsymmetricKeySpec spec = privateKey.spec();
        if (!spec.keyAgreementAlgorithms().contains(KeyAgreementAlgorithm.ECDH)) {
            throw new KeyOperationException(Reason.INCOMPATIBLE_ALGORITHM,
                    "A " + spec + " key cannot derive shared secrets");
        }
        AsymmetricPublicKey peer = AsymmetricPublicKey.parse(peerPublicKeyDer);
        if (peer.spec() != spec) {
            throw new KeyOperationException(Reason.INVALID_PUBLIC_KEY, "The public key must be on the same curve as"
                    + " the KMS key (" + spec + "), but it is a " + peer.spec() + " key");
        }
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(privateKey.jcaKey());
            agreement.doPhase(peer.jcaKey(), true);
            return Secret.wrap(agreement.generateSecret());
        } catch (InvalidKeyException e) {
            // doPhase refuses a point that is not on the curve or not in the prime-order subgroup.
            throw new KeyOperationException(Reason.INVALID_PUBLIC_KEY, "The public key is not a valid " + spec
                    + " point", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH is unavailable", e);
        }
    }
}
