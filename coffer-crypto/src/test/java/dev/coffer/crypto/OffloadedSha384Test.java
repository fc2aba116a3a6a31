package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.Security;
import java.security.Signature;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffloadedSha384Test {
    private static final int[] SIZES = {0, 1, 100, OffloadedSha384.OFFLOAD_MIN - 1, OffloadedSha384.OFFLOAD_MIN,
            65536 + 17, OffloadedSha384.SLOT, OffloadedSha384.SLOT * OffloadedSha384.SLOTS * 3 + 5, 7};

    @Test
    void digest_ofMixedUpdateSizes_isTheSunDigest() throws Exception {
        byte[] data = new byte[OffloadedSha384.SLOT * 16];
        new Random(384).nextBytes(data);
        MessageDigest sun = MessageDigest.getInstance("SHA-384", Security.getProvider("SUN"));
        MessageDigest offloaded = MessageDigest.getInstance("SHA-384", offloadedProvider());
        int offset = 0;
        for (int round = 0; round < 3; round++) {
            for (int size : SIZES) {
                sun.update(data, offset % 1000, size);
                offloaded.update(data, offset % 1000, size);
                offset += size;
            }
            offloaded.update((byte) round);
            sun.update((byte) round);
        }
        MessageDigest copy = (MessageDigest) offloaded.clone();
        byte[] want = sun.digest();
        assertThat(offloaded.digest()).isEqualTo(want);
        assertThat(copy.digest()).isEqualTo(want);
        offloaded.update(data, 0, OffloadedSha384.SLOT * 2);
        offloaded.reset();
        assertThat(offloaded.digest()).isEqualTo(sun.digest());
    }

    @Test
    void install_putsItFirst_andEcdsaSignaturesStillVerify() throws Exception {
        assertThat(OffloadedSha384.install()).isTrue();
        assertThat(MessageDigest.getInstance("SHA-384").getProvider().getName()).isEqualTo("CofferOffloadedSha384");
        var keys = java.security.KeyPairGenerator.getInstance("EC");
        keys.initialize(384);
        var pair = keys.generateKeyPair();
        byte[] message = new byte[3 << 20];
        new Random(1).nextBytes(message);
        Signature signer = Signature.getInstance("SHA384withECDSA", "SunEC");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA384withECDSA", "SunEC");
        verifier.initVerify(pair.getPublic());
        verifier.update(message, 0, message.length);
        assertThat(verifier.verify(signature)).isTrue();
        message[message.length - 1] ^= 1;
        verifier.initVerify(pair.getPublic());
        verifier.update(message, 0, message.length);
        assertThat(verifier.verify(signature)).isFalse();
    }

    private static java.security.Provider offloadedProvider() {
        OffloadedSha384.install();
        return Security.getProvider("CofferOffloadedSha384");
    }
}
