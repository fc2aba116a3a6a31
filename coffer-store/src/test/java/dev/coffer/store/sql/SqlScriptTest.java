package dev.coffer.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void split_onSemicolons_dropsBlankStatements() {
        assertThat(SqlScript.split("CREATE TABLE a (x TEXT);\n\n;CREATE TABLE b (y TEXT)\n"))
                .containsExactly("CREATE TABLE a (x TEXT)", "CREATE TABLE b (y TEXT)");
    }

    @Test
    void split_keepsSemicolonsInsideQuotes() {
        assertThat(SqlScript.split("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT \"odd;name\" FROM t;"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"odd;name\" FROM t");
    }

    @Test
    void split_dropsCommentsIncludingTheirSemicolons() {
        assertThat(SqlScript.split("-- first; not a statement\nSELECT 1; /* block; comment */ SELECT 2 -- tail;"))
                .containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void split_unterminatedQuote_isRefused() {
        assertThatThrownBy(() -> SqlScript.split("SELECT 'oops;")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void substitute_replacesKnownPlaceholders() {
        assertThat(SqlScript.substitute("CREATE TABLE t (a ${BYTES}, b ${BYTES})", Map.of("BYTES", "BYTEA")))
                .isEqualTo("CREATE TABLE t (a BYTEA, b BYTEA)");
    }

    @Test
    void substitute_unknownPlaceholder_isRefused() {
        assertThatThrownBy(() -> SqlScript.substitute("x ${BLOB}", Map.of("BYTES", "BLOB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${BLOB}");
    }
}
