package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void parse_decodesValues_andKeepsBareNames() {
        QueryParams q = QueryParams.parse("location&prefix=a%2Fb&x=1+2&x=3");
        assertThat(q.has("location")).isTrue();
        assertThat(q.first("location")).contains("");
        assertThat(q.first("prefix")).contains("a/b");
        assertThat(q.first("x")).contains("1 2");
    }

    @Test
    void parse_withBadEscape_fails() {
        assertThatThrownBy(() -> QueryParams.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protocolDetector_readsTheServiceFromTheCredentialScope() {
        assertThat(ProtocolDetector.scopeService(
                "AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00",
                null)).isEqualTo("kms");
        assertThat(ProtocolDetector.scopeService(null,
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"))
                .isEqualTo("s3");
        assertThat(ProtocolDetector.scopeService(null, "a=b")).isNull();
    }
}
