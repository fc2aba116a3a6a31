package dev.coffer.crypto.asymmetric;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Where each key spec's JCA objects come from, and how a key's encoding names its spec.
 *
 * <p>The JDK serves every spec but one. BouncyCastle serves {@link AsymmetricKeySpec#ECC_SECG_P256K1}, because
 * JDK 16 removed secp256k1 from SunEC (it still parses such keys but cannot generate, sign or verify with them).
 * The BouncyCastle provider is used as an object, never installed with {@code Security.addProvider}, so no other
 * code in the process picks it up by accident.
 */
final class Jca {
    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final String EC_OID = "1.2.840.10045.2.1";

    private Jca() {}

    /** Loaded on first use: building the provider takes a noticeable fraction of a second. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    static Provider bouncyCastle() {
        return Bc.PROVIDER;
    }

    private static boolean usesBouncyCastle(AsymmetricKeySpec spec) {
        return spec == AsymmetricKeySpec.ECC_SECG_P256K1;
    }

    static KeyPairGenerator keyPairGenerator(AsymmetricKeySpec spec, SecureRandom random)
            throws GeneralSecurityException {
        KeyPairGenerator generator;
        switch (spec) {
            case RSA_2048, RSA_3072, RSA_4096 -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(spec.rsaModulusBits(), RSAKeyGenParameterSpec.F4),
                        random);
            }
            case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1 -> {
                generator = usesBouncyCastle(spec)
                        ? KeyPairGenerator.getInstance("EC", bouncyCastle())
                        : KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curveName(spec)), random);
            }
            default -> {
                // Ed25519, ML-DSA-nn and ML-KEM-nnn: the JDK names one generator per parameter set.
                generator = KeyPairGenerator.getInstance(parameterSetName(spec));
                generator.initialize(new NamedParameterSpec(parameterSetName(spec)), random);
            }
        }
        return generator;
    }

    static KeyFactory keyFactory(AsymmetricKeySpec spec) throws NoSuchAlgorithmException {
        return switch (spec) {
            case RSA_2048, RSA_3072, RSA_4096 -> KeyFactory.getInstance("RSA");
            case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 -> KeyFactory.getInstance("EC");
            case ECC_SECG_P256K1 -> KeyFactory.getInstance("EC", bouncyCastle());
            case ECC_NIST_EDWARDS25519 -> KeyFactory.getInstance("Ed25519");
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> KeyFactory.getInstance("ML-DSA");
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> KeyFactory.getInstance("ML-KEM");
        };
    }

    /** A {@code Signature} from the provider that can handle keys of {@code spec}. */
    static Signature signature(AsymmetricKeySpec spec, String algorithm) throws NoSuchAlgorithmException {
        return usesBouncyCastle(spec)
                ? Signature.getInstance(algorithm, bouncyCastle())
                : Signature.getInstance(algorithm);
    }

    /**
     * The spec that an encoded key's algorithm identifier names, or empty if it names none KMS supports. RSA keys
     * all share one identifier, so their spec also needs the modulus length ({@code rsaModulusBits}; pass 0 when
     * it is not an RSA key).
     */
    static Optional<AsymmetricKeySpec> specOf(AlgorithmIdentifier id, int rsaModulusBits) {
        String oid = id.getAlgorithm().getId();
        for (AsymmetricKeySpec spec : AsymmetricKeySpec.values()) {
            boolean matches = switch (spec) {
                case RSA_2048, RSA_3072, RSA_4096 -> oid.equals(RSA_OID) && rsaModulusBits == spec.rsaModulusBits();
                case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1 ->
                        oid.equals(EC_OID) && id.getParameters() instanceof ASN1ObjectIdentifier curve
                                && curve.getId().equals(curveOid(spec));
                default -> oid.equals(parameterSetOid(spec)) && id.getParameters() == null;
            };
            if (matches) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    static boolean isRsa(AlgorithmIdentifier id) {
        return id.getAlgorithm().getId().equals(RSA_OID);
    }

    private static String curveName(AsymmetricKeySpec spec) {
        return switch (spec) {
            case ECC_NIST_P256 -> "secp256r1";
            case ECC_NIST_P384 -> "secp384r1";
            case ECC_NIST_P521 -> "secp521r1";
            case ECC_SECG_P256K1 -> "secp256k1";
            default -> throw new IllegalArgumentException(spec + " is not an elliptic-curve spec");
        };
    }

    private static String curveOid(AsymmetricKeySpec spec) {
        return switch (spec) {
            case ECC_NIST_P256 -> "1.2.840.10045.3.1.7";
            case ECC_NIST_P384 -> "1.3.132.0.34";
            case ECC_NIST_P521 -> "1.3.132.0.35";
            case ECC_SECG_P256K1 -> "1.3.132.0.10";
            default -> throw new IllegalArgumentException(spec + " is not an elliptic-curve spec");
        };
    }

    private static String parameterSetName(AsymmetricKeySpec spec) {
        return switch (spec) {
            case ECC_NIST_EDWARDS25519 -> "Ed25519";
            case ML_DSA_44 -> "ML-DSA-44";
            case ML_DSA_65 -> "ML-DSA-65";
            case ML_DSA_87 -> "ML-DSA-87";
            case ML_KEM_512 -> "ML-KEM-512";
            case ML_KEM_768 -> "ML-KEM-768";
            case ML_KEM_1024 -> "ML-KEM-1024";
            default -> throw new IllegalArgumentException(spec + " has no single parameter set");
        };
    }

    /** RFC 8410 for Ed25519; NIST's CSOR arcs for ML-DSA (FIPS 204) and ML-KEM (FIPS 203). */
    private static String parameterSetOid(AsymmetricKeySpec spec) {
        return switch (spec) {
            case ECC_NIST_EDWARDS25519 -> "1.3.101.112";
            case ML_DSA_44 -> "2.16.840.1.101.3.4.3.17";
            case ML_DSA_65 -> "2.16.840.1.101.3.4.3.18";
            case ML_DSA_87 -> "2.16.840.1.101.3.4.3.19";
            case ML_KEM_512 -> "2.16.840.1.101.3.4.4.1";
            case ML_KEM_768 -> "2.16.840.1.101.3.4.4.2";
            case ML_KEM_1024 -> "2.16.840.1.101.3.4.4.3";
            default -> throw new IllegalArgumentException(spec + " has no single parameter set");
        };
    }
}
