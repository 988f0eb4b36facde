package im.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void line_shouldQuoteStrings_soANewlineCannotForgeASecondLine() {
        String forged = AuditLog.line("Login failed", "tenant", "acme", "account",
                "bob}\n2026-01-01 INFO im.audit.login - Login succeeded: {tenant=\"acme\", account=\"admin\"");

        assertThat(forged).doesNotContain("\n").isEqualTo("Login failed: {tenant=\"acme\", account=\"bob}\\n2026-01-01"
                + " INFO im.audit.login - Login succeeded: {tenant=\\\"acme\\\", account=\\\"admin\\\"\"}");
    }

    @Test
    void line_shouldWriteNumbersBooleansAndNullAsTheyAre() {
        assertThat(AuditLog.line("Top-up", "userId", 42L, "fresh", true, "note", null))
                .isEqualTo("Top-up: {userId=42, fresh=true, note=null}");
    }

    @Test
    void line_shouldRefuseOddPairs() {
        assertThatThrownBy(() -> AuditLog.line("e", "key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trail_shouldLiveUnderTheAuditPrefix() {
        assertThat(AuditLog.of("login").name()).isEqualTo("im.audit.login");
        assertThatThrownBy(() -> AuditLog.of("Login\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void quote_shouldLeaveNoLineBreakOrControl_andRoundTripThroughJsonUnescaping(@ForAll String any) {
        String quoted = AuditLog.quote(any);

        assertThat(quoted.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029))
                .isTrue();
        assertThat(unquote(quoted)).isEqualTo(any);
    }

    /** JSON string unescaping (quote's output is a JSON string literal). */
    private static String unquote(String q) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = q.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
