package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The secret-scanner rule published in docs/ci-integration.md finds the tokens the portal mints, and only those. */
class SecretScannerPatternTests {

    static final Path DOC = Path.of("..", "docs", "ci-integration.md");

    @Test
    void thePublishedPatternMatchesMintedTokens() throws Exception {
        Matcher rule = Pattern.compile("regex = '''(.+?)'''").matcher(Files.readString(DOC));
        assertThat(rule.find()).as("a regex line in " + DOC).isTrue();
        Pattern pattern = Pattern.compile(rule.group(1));
        for (int i = 0; i < 50; i++) {
            String token = TokenFormat.mint().token();
            assertThat(pattern.matcher("PORTAL_TOKEN=" + token + "\n").find())
                    .as(token)
                    .isTrue();
        }
        assertThat(pattern.matcher("mcp_short_token").find()).isFalse();
    }
}
