package im.redpacket.grab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CreditMessageTest {

    @Test
    void credit_shouldRoundTrip_andNameItsLedgerKey() {
        CreditMessage m = new CreditMessage(Long.MAX_VALUE, 42L, 7L, 123L);

        assertThat(CreditMessage.decode(m.encode())).isEqualTo(m);
        assertThat(m.key()).isEqualTo("grab:" + Long.MAX_VALUE + ":42");
    }

    @Test
    void decode_shouldRefuse_aForeignBody() {
        assertThatThrownBy(() -> CreditMessage.decode("1:2:x:4".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditMessage.decode("1:2".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
