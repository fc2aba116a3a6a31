package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DecryptCommandTest {
    private static final Map<String, String> MESSAGE = Map.of("purpose", "backup", "host", "db1",
            "aws-crypto-public-key", "A0x");

    @Test
    void checkContext_acceptsAnySubsetWithEqualValues() {
        assertThatCode(() -> DecryptCommand.checkContext(Map.of(), MESSAGE)).doesNotThrowAnyException();
        assertThatCode(() -> DecryptCommand.checkContext(Map.of("host", "db1"), MESSAGE)).doesNotThrowAnyException();
    }

    @Test
    void checkContext_rejectsAnotherValueOrAMissingKey_withoutShowingTheSdksOwnPair() {
        assertThatThrownBy(() -> DecryptCommand.checkContext(Map.of("purpose", "Backup"), MESSAGE))
                .isInstanceOf(CliException.class)
                .hasMessage("encryption context mismatch: expected purpose=Backup, the message has purpose=backup"
                        + " (its context: {host=db1, purpose=backup})");
        assertThatThrownBy(() -> DecryptCommand.checkContext(Map.of("owner", "alice"), MESSAGE))
                .hasMessageContaining("the message has no owner");
    }
}
