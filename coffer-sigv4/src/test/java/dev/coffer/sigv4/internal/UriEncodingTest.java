package dev.coffer.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriEncodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/test$file.text|/test%24file.text",
        "/test%24file.text|/test%24file.text",
        "/my%20key/a~b!c|/my%20key/a~b%21c",
        "/a%2Fb/c|/a%2Fb/c",
        "/%e1%88%b4|/%E1%88%B4",
        "/a+b|/a%2Bb",
        "/100%|/100%25",
        "/100%zz|/100%25zz",
        "/a/./b/../c|/a/./b/../c",
        "//double//|//double//",
        "/|/",
        "''|/",
    })
    void canonicalUriOnce_decodesAndReencodesEachSegmentWithoutNormalising(String raw, String canonical) {
        assertThat(UriEncoding.canonicalUriOnce(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "''|/",
        "/my%20key|/my%2520key",
        "/a/./b/../c|/a/c",
        "/example1/example2/../..|/",
        "/a/b/|/a/b/",
        "/a/b/.|/a/b",
        "/-/_.~|/-/_.~",
    })
    void canonicalUriTwice_normalisesAndEncodesAgain(String raw, String canonical) {
        assertThat(UriEncoding.canonicalUriTwice(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "b=2&a=1&a=0&c|a=0&a=1&b=2&c=",
        "prefix=J&max-keys=2|max-keys=2&prefix=J",
        "a=x+y&b=%7e&c=%2f|a=x%20y&b=~&c=%2F",
        "=x&&a=|a=",
        "Param2=value2&Param1=value1|Param1=value1&Param2=value2",
        "k=%E1%88%B4&k=%e1%88%b4|k=%E1%88%B4&k=%E1%88%B4",
    })
    void canonicalQuery_sortsByEncodedNameThenValue(String raw, String canonical) {
        assertThat(QueryParam.canonical(QueryParam.parse(raw), false)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Amz-Signature=abc&X-Amz-Date=1|X-Amz-Date=1",
    })
    void canonicalQuery_ofPresignedUrl_leavesOutTheSignature(String raw, String canonical) {
        assertThat(QueryParam.canonical(QueryParam.parse(raw), true)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'  a   b\t c  '|a b c",
        "plain|plain",
        "'   '|''",
        "'\"a   b\"'|'\"a b\"'",
    })
    void appendTrimmed_trimsAndFoldsWhitespace(String value, String trimmed) {
        StringBuilder sb = new StringBuilder();
        CanonicalRequest.appendTrimmed(sb, value);
        assertThat(sb.toString()).isEqualTo(trimmed);
    }
}
