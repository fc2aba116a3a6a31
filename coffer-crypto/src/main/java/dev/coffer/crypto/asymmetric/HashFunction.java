package dev.coffer.crypto.asymmetric;

import java.util.HexFormat;

/** The hash functions KMS's RSA, ECDSA and Ed25519ph algorithms name, with what each needs to know about them. */
enum HashFunction {
    SHA_1("SHA-1", 20, ""),
    // The DigestInfo prefixes are RFC 8017 §9.2 note 1: DER of AlgorithmIdentifier and the OCTET STRING header.
    SHA_256("SHA-256", 32, "3031300d060960864801650304020105000420"),
    SHA_384("SHA-384", 48, "3041300d060960864801650304020205000430"),
    SHA_512("SHA-512", 64, "3051300d060960864801650304020305000440");

    private final String jcaName;
    private final int length;
    private final byte[] digestInfoPrefix;

    HashFunction(String jcaName, int length, String digestInfoPrefixHex) {
        this.jcaName = jcaName;
        this.length = length;
        this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefixHex);
    }

    String jcaName() {
        return jcaName;
    }

    /** The JCA name without the hyphen, as signature names spell it ({@code SHA256withRSA}). */
    String jcaSignaturePrefix() {
        return jcaName.replace("-", "");
    }

    int length() {
        return length;
    }

    /** DER {@code DigestInfo} for {@code digest}, the input RSASSA-PKCS1-v1_5 pads and signs. */
    byte[] digestInfo(byte[] digest) {
        if (digestInfoPrefix.length == 0 || digest.length != length) {
            throw new IllegalArgumentException("no DigestInfo for " + jcaName + " over " + digest.length + " bytes");
        }
        byte[] out = new byte[digestInfoPrefix.length + digest.length];
        System.arraycopy(digestInfoPrefix, 0, out, 0, digestInfoPrefix.length);
        System.arraycopy(digest, 0, out, digestInfoPrefix.length, digest.length);
        return out;
    }
}
