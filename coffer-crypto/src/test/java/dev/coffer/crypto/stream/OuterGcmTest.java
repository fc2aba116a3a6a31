package dev.coffer.crypto.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.crypto.tink.subtle.EngineFactory;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OuterGcmTest {
    private static final HexFormat HEX = HexFormat.of();
    // NIST GCM test case 16 (McGrew & Viega, "The GCM mode of operation", appendix B): AES-256, 96-bit IV,
    // 20 bytes of associated data, 60 bytes of plaintext.
    private static final byte[] KEY =
            HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    private static final byte[] IV = HEX.parseHex("cafebabefacedbaddecaf888");
    private static final byte[] AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    private static final byte[] PLAINTEXT = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d"
            + "8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    private static final byte[] SEALED = HEX.parseHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd"
            + "2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" // ciphertext, then the tag:
            + "76fc6ece0f4e1768cddf8853bb2d551b");

    static Stream<OuterGcm> implementations() {
        return Stream.concat(Stream.of(OuterGcm.bouncyCastle()), OuterGcm.corretto().stream());
    }

    private static boolean linuxX8664() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void preferred_isNeverSunJce_andIsAccpOnLinuxX8664() {
        OuterGcm preferred = OuterGcm.preferred();
        assertThat(preferred.providerName()).isNotEqualTo("SunJCE");
        assertThat(OuterGcm.bouncyCastle().providerName()).isNotEqualTo("SunJCE");
        if (linuxX8664()) {
            // This is where ACCP ships native code for: falling back here means it failed to load, a regression.
            assertThat(OuterGcm.corretto()).contains(preferred);
            assertThat(preferred.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(preferred.name()).contains("AWS-LC");
        } else {
            assertThat(preferred).isSameAs(OuterGcm.corretto().orElse(OuterGcm.bouncyCastle()));
        }
    }

    @Test
    void theVector_isTheJdksAnswerToo() throws GeneralSecurityException {
        // A third implementation vouches for the constants above, so a typo cannot make both tests agree on it.
        Cipher sunJce = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        sunJce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, IV));
        sunJce.updateAAD(AAD);
        assertThat(sunJce.doFinal(PLAINTEXT)).isEqualTo(SEALED);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void seal_computesTheNistAnswer_andOpenReturnsThePlaintext(OuterGcm gcm) throws GeneralSecurityException {
        byte[] out = new byte[SEALED.length];
        try (OuterGcm.Keyed keyed = gcm.withKey(KEY.clone())) {
            assertThat(keyed.seal(IV, AAD, PLAINTEXT, PLAINTEXT.length, out)).isEqualTo(SEALED.length);
            assertThat(out).isEqualTo(SEALED);
            byte[] opened = new byte[PLAINTEXT.length];
            assertThat(keyed.open(IV, AAD, SEALED, SEALED.length, opened)).isEqualTo(PLAINTEXT.length);
            assertThat(opened).isEqualTo(PLAINTEXT);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void open_ofAFlippedBit_orAnotherNonceOrAad_fails(OuterGcm gcm) {
        try (OuterGcm.Keyed keyed = gcm.withKey(KEY.clone())) {
            byte[] out = new byte[PLAINTEXT.length];
            for (int bit : new int[] {0, 8 * PLAINTEXT.length + 3, 8 * SEALED.length - 1}) {
                byte[] flipped = SEALED.clone();
                flipped[bit / 8] ^= (byte) (1 << bit % 8);
                assertThatThrownBy(() -> keyed.open(IV, AAD, flipped, flipped.length, out))
                        .isInstanceOf(GeneralSecurityException.class);
            }
            byte[] otherIv = IV.clone();
            otherIv[11] ^= 1;
            assertThatThrownBy(() -> keyed.open(otherIv, AAD, SEALED, SEALED.length, out))
                    .isInstanceOf(GeneralSecurityException.class);
            assertThatThrownBy(() -> keyed.open(IV, new byte[0], SEALED, SEALED.length, out))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void eachImplementation_opensWhatTheOtherSealed() throws GeneralSecurityException {
        assumeTrue(OuterGcm.corretto().isPresent(), "ACCP does not load here");
        OuterGcm accp = OuterGcm.corretto().orElseThrow();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] plain = new byte[OuterLayerCipher.SEGMENT_BYTES];
        random.nextBytes(plain);
        for (OuterGcm[] pair : new OuterGcm[][] {{accp, OuterGcm.bouncyCastle()}, {OuterGcm.bouncyCastle(), accp}}) {
            byte[] sealed = new byte[plain.length + 16];
            byte[] opened = new byte[plain.length];
            try (OuterGcm.Keyed sealer = pair[0].withKey(key.clone());
                    OuterGcm.Keyed opener = pair[1].withKey(key.clone())) {
                sealer.seal(nonce, AAD, plain, plain.length, sealed);
                opener.open(nonce, AAD, sealed, sealed.length, opened);
            }
            assertThat(opened).as("%s to %s", pair[0], pair[1]).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void close_zeroesTheKeyItWasGiven(OuterGcm gcm) {
        byte[] key = KEY.clone();
        gcm.withKey(key).close();
        assertThat(key).containsOnly(0);
    }

    @Test
    void withKey_ofAnotherLength_isRejected() {
        assertThatThrownBy(() -> OuterGcm.preferred().withKey(Arrays.copyOf(KEY, 16)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadingAccp_installsNothing_soTinkAndDefaultLookupsKeepTheJdk() throws GeneralSecurityException {
        OuterGcm.preferred();
        OuterGcm.corretto();
        assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName))
                .doesNotContain("AmazonCorrettoCryptoProvider");
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).isEqualTo("SunJCE");
        assertThat(EngineFactory.CIPHER.getInstance("AES/GCM/NoPadding").getProvider().getName())
                .isEqualTo("SunJCE");
        assertThat(new SecureRandom().getProvider().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void name_saysWhichImplementation() {
        assertThat(OuterGcm.bouncyCastle().name()).contains("BouncyCastle");
        OuterGcm.corretto().ifPresent(accp -> assertThat(accp.toString()).contains("AmazonCorrettoCryptoProvider"));
    }
}
