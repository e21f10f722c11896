package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token format of SPEC §7 in plain Java: what is minted parses back, and look-alikes are refused offline. */
class TokenFormatTests {

    @Test
    void aMintedTokenHasTheDocumentedShapeAndParsesBackToItsParts() {
        TokenFormat.Minted minted = TokenFormat.mint();

        assertThat(minted.token()).matches("mcp_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}[0-9A-Za-z]{6}");
        assertThat(minted.token()).startsWith("mcp_" + minted.publicId() + "_");
        TokenFormat.Parts parts = TokenFormat.parse(minted.token()).orElseThrow();
        assertThat(parts.publicId()).isEqualTo(minted.publicId());
        assertThat(parts.secret()).hasSize(32);
        assertThat(minted.token())
                .isEqualTo("mcp_" + parts.publicId() + "_" + parts.secret()
                        + TokenFormat.checksum("mcp_" + parts.publicId() + "_" + parts.secret()));
        assertThat(minted.secretSha256()).isEqualTo(TokenFormat.sha256(parts.secret()));
    }

    @Test
    void mintedTokensDiffer() {
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            TokenFormat.Minted minted = TokenFormat.mint();
            ids.add(minted.publicId());
            secrets.add(minted.secretSha256());
        }
        assertThat(ids).hasSize(50);
        assertThat(secrets).hasSize(50);
    }

    @Test
    void mintedTokensUseTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : TokenFormat.parse(TokenFormat.mint().token())
                    .orElseThrow()
                    .secret()
                    .toCharArray()) {
                seen.add(c);
            }
        }
        assertThat(seen).contains('0', '9', 'A', 'Z', 'a', 'z').hasSize(62);
    }

    @Test
    void lookAlikesAreRefused() {
        String token = TokenFormat.mint().token();
        assertThat(TokenFormat.parse(null)).isEmpty();
        assertThat(TokenFormat.parse("")).isEmpty();
        assertThat(TokenFormat.parse(token.substring(1))).as("too short").isEmpty();
        assertThat(TokenFormat.parse(token + "x")).as("too long").isEmpty();
        assertThat(TokenFormat.parse("mcq_" + token.substring(4)))
                .as("wrong prefix")
                .isEmpty();
        assertThat(TokenFormat.parse(token.substring(0, 16) + "-" + token.substring(17)))
                .as("no separator after the public id")
                .isEmpty();
    }

    @Test
    void anyChangedCharacterFailsTheChecksum() {
        String token = TokenFormat.mint().token();
        for (int i = 4; i < token.length(); i++) {
            if (i == 16) {
                continue; // the separator
            }
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'a' ? 'b' : 'a') + token.substring(i + 1);
            assertThat(TokenFormat.parse(changed)).as("character %d changed", i).isEmpty();
        }
    }

    @Test
    void aCorrectChecksumOverCharactersOutsideTheAlphabetIsStillRefused() {
        String publicId = "abcdefghij-_";
        String secret = "0123456789abcdefghijklmnopqrstuv";
        String body = "mcp_" + publicId + "_" + secret;
        assertThat(TokenFormat.parse(body + TokenFormat.checksum(body))).isEmpty();
        String badSecret = "0123456789abcdefghijklmnopqrst.v";
        String other = "mcp_abcdefghijkl_" + badSecret;
        assertThat(TokenFormat.parse(other + TokenFormat.checksum(other))).isEmpty();
        String good = "mcp_abcdefghijkl_" + secret;
        assertThat(TokenFormat.parse(good + TokenFormat.checksum(good))).isPresent();
    }

    @Test
    void theChecksumIsSixBase62DigitsOfCrc32() {
        // Read back as a base-62 number (most significant digit first, zero padded) it is the CRC32 itself.
        assertThat(TokenFormat.checksum("")).isEqualTo("000000");
        String checksum = TokenFormat.checksum("mcp_abcdefghijkl_0123456789abcdefghijklmnopqrstuv");
        assertThat(checksum).hasSize(6).matches("[0-9A-Za-z]{6}");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("mcp_abcdefghijkl_0123456789abcdefghijklmnopqrstuv"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = 0;
        for (char c : checksum.toCharArray()) {
            value = value * 62 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".indexOf(c);
        }
        assertThat(value).isEqualTo(crc.getValue());
    }

    @Test
    void digestsAreSha256HexAndComparedExactly() {
        assertThat(TokenFormat.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenFormat.sameDigest("ab12", "ab12")).isTrue();
        assertThat(TokenFormat.sameDigest("ab12", "ab13")).isFalse();
        assertThat(TokenFormat.sameDigest("ab12", "ab1")).isFalse();
    }
}
