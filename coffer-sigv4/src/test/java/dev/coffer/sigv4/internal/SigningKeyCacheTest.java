package dev.coffer.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.CredentialScope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {
    private static final CredentialScope SCOPE = new CredentialScope("20120215", "us-east-1", "iam");

    @Test
    void derive_withAwsDocumentationExample_givesThePublishedKey() {
        Secret key = SigningKeyCache.derive(secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), SCOPE);

        assertThat(Hex.encode(key.revealBytes()))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void signingKey_forSameScope_isDerivedOnce() {
        SigningKeyCache cache = new SigningKeyCache(10);

        Secret first = cache.signingKey("AKID", secret("s1"), SCOPE);
        Secret second = cache.signingKey("AKID", secret("s1"), SCOPE);

        assertThat(second).isSameAs(first);
    }

    @Test
    void signingKey_afterTheSecretChanged_isDerivedFromTheNewSecret() {
        SigningKeyCache cache = new SigningKeyCache(10);
        Secret old = cache.signingKey("AKID", secret("s1"), SCOPE);

        Secret rotated = cache.signingKey("AKID", secret("s2"), SCOPE);

        assertThat(rotated.equalsConstantTime(old)).isFalse();
        assertThat(rotated.equalsConstantTime(SigningKeyCache.derive(secret("s2"), SCOPE))).isTrue();
    }

    @Test
    void signingKey_beyondTheBound_evictsOtherDaysFirst() {
        SigningKeyCache cache = new SigningKeyCache(3);
        cache.signingKey("A", secret("s"), new CredentialScope("20240101", "r", "s3"));
        cache.signingKey("B", secret("s"), new CredentialScope("20240102", "r", "s3"));
        cache.signingKey("C", secret("s"), new CredentialScope("20240102", "r", "s3"));

        cache.signingKey("D", secret("s"), new CredentialScope("20240102", "r", "s3"));

        assertThat(cache.size()).isEqualTo(3);
    }

    private static Secret secret(String s) {
        return Secret.copyOf(s.getBytes(StandardCharsets.UTF_8));
    }
}
