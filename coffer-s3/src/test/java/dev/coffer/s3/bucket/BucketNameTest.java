package dev.coffer.s3.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1-b2.c3", "012", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void isValid_acceptsAwsNames(String name) {
        assertThat(BucketName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "ABC", "-abc", "abc-", ".abc", "abc.", "a..b", "a_b", "192.168.5.4", "xn--abc",
            "sthree-abc", "amzn-s3-demo-x", "abc-s3alias", "abc--ol-s3", "abc.mrap", "abc--x-s3", "abc--table-s3",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a b"})
    void isValid_refusesWhatAwsRefuses(String name) {
        assertThat(BucketName.isValid(name)).isFalse();
    }
}
