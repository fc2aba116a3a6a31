package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * Sign and Verify as KMS defines them, for every {@link SigningAlgorithm} and {@link MessageType}.
 *
 * <p>Both check first that the algorithm is one the key's spec supports ({@link Reason#INCOMPATIBLE_ALGORITHM})
 * and that the message fits the algorithm's rules ({@link SigningAlgorithm#checkMessage}). Whether the KMS key's
 * usage is SIGN_VERIFY is the caller's to check: a key pair does not know its usage. A signature that does not
 * verify — wrong, truncated, malformed — makes {@link #verify} return {@code false}; it never throws for that.
 *
 * <p>The JDK does the work except where it has no API for it; BouncyCastle then steps in:
 * <ul>
 *   <li>RSASSA-PSS over a DIGEST: the JDK's PSS always hashes its input; BouncyCastle's {@code RAWRSASSA-PSS}
 *       takes the hash as given and applies EMSA-PSS with the same parameters.
 *   <li>ML-DSA over an EXTERNAL_MU: the JDK (JEP 497) signs messages only; BouncyCastle's {@link MLDSASigner}
 *       signs and verifies a μ directly.
 *   <li>ECDSA with secp256k1: see {@link Jca}.
 * </ul>
 * The other DIGEST paths stay in the JDK: RSASSA-PKCS1-v1_5 signs the DER {@code DigestInfo} with
 * {@code NONEwithRSA}; ECDSA signs the digest with {@code NONEwithECDSA}; Ed25519ph is the JDK's Ed25519 with
 * {@code EdDSAParameterSpec(prehash = true)}, which hashes the 64 given bytes again, as KMS does.
 */
public final class Signatures {
    private Signatures() {}

    /** How one algorithm and message type map onto a JCA signature. */
    private record Plan(String jcaName, boolean bouncyCastle, AlgorithmParameterSpec parameters, byte[] input) {}

    /**
     * Signs {@code message}. RSA signatures are as RFC 8017 encodes them, ECDSA signatures DER (RFC 3279
     * §2.2.3), Ed25519 and ML-DSA signatures as their standards encode them.
     */
    public static byte[] sign(AsymmetricPrivateKey key, SigningAlgorithm algorithm, MessageType type, byte[] message,
            SecureRandom random) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(random, "random");
        check(key.spec(), algorithm, type, message);
        try {
            if (type == MessageType.EXTERNAL_MU) {
                MLDSASigner signer = new MLDSASigner();
                signer.init(true, new ParametersWithRandom(key.mlDsaKey(), random));
                return signer.generateMuSignature(message);
            }
            Plan plan = plan(algorithm, type, message);
            Signature signature = signature(key.spec(), plan);
            signature.initSign(key.jcaKey(), random);
            signature.update(plan.input());
            return signature.sign();
        } catch (GeneralSecurityException | CryptoException e) {
            throw new IllegalStateException(algorithm + " signing failed with a valid " + key.spec() + " key", e);
        }
    }

    /**
     * Whether {@code signature} is a valid signature of {@code message}. Throws only for an invalid request
     * (algorithm, message type or message size); a bad signature returns {@code false}.
     */
    public static boolean verify(AsymmetricPublicKey key, SigningAlgorithm algorithm, MessageType type,
            byte[] message, byte[] signature) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signature, "signature");
        check(key.spec(), algorithm, type, message);
        if (type == MessageType.EXTERNAL_MU) {
            MLDSASigner verifier = new MLDSASigner();
            verifier.init(false, key.mlDsaKey());
            try {
                return verifier.verifyMuSignature(message, signature);
            } catch (RuntimeException e) {
                // BouncyCastle may throw rather than answer false for a signature of the wrong length.
                return false;
            }
        }
        Plan plan = plan(algorithm, type, message);
        try {
            Signature verifier = signature(key.spec(), plan);
            verifier.initVerify(key.jcaKey());
            verifier.update(plan.input());
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // The JCA reports a malformed signature (bad DER, wrong length) this way: it does not verify.
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " verification failed with a valid " + key.spec() + " key",
                    e);
        }
    }

    private static void check(AsymmetricKeySpec spec, SigningAlgorithm algorithm, MessageType type, byte[] message)
            throws KeyOperationException {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (!spec.signingAlgorithms().contains(algorithm)) {
            throw new KeyOperationException(Reason.INCOMPATIBLE_ALGORITHM, spec.signingAlgorithms().isEmpty()
                    ? "A " + spec + " key cannot sign or verify"
                    : "Signing algorithm " + algorithm + " is not supported by a " + spec + " key; it supports "
                            + spec.signingAlgorithms());
        }
        algorithm.checkMessage(type, message);
    }

    private static Plan plan(SigningAlgorithm algorithm, MessageType type, byte[] message) {
        boolean digest = type == MessageType.DIGEST;
        return switch (algorithm.scheme()) {
            case RSA_PKCS1 -> digest
                    ? new Plan("NONEwithRSA", false, null, algorithm.hash().digestInfo(message))
                    : new Plan(algorithm.hash().jcaSignaturePrefix() + "withRSA", false, null, message);
            case RSA_PSS -> digest
                    ? new Plan("RAWRSASSA-PSS", true, pss(algorithm.hash()), message)
                    : new Plan("RSASSA-PSS", false, pss(algorithm.hash()), message);
            case ECDSA -> digest
                    ? new Plan("NONEwithECDSA", false, null, message)
                    : new Plan(algorithm.hash().jcaSignaturePrefix() + "withECDSA", false, null, message);
            case ED25519 -> new Plan("Ed25519", false, null, message);
            case ED25519_PH -> new Plan("Ed25519", false, new EdDSAParameterSpec(true), message);
            case ML_DSA -> new Plan("ML-DSA", false, null, message);
        };
    }

    /** KMS's PSS: MGF1 with the message hash, a salt as long as the hash, the usual 0xbc trailer. */
    private static PSSParameterSpec pss(HashFunction hash) {
        return new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()), hash.length(),
                PSSParameterSpec.TRAILER_FIELD_BC);
    }

    private static Signature signature(AsymmetricKeySpec spec, Plan plan) throws GeneralSecurityException {
        Signature signature = plan.bouncyCastle()
                ? Signature.getInstance(plan.jcaName(), Jca.bouncyCastle())
                : Jca.signature(spec, plan.jcaName());
        if (plan.parameters() != null) {
            signature.setParameter(plan.parameters());
        }
        return signature;
    }
}
