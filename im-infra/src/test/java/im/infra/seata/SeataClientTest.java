package im.infra.seata;

import static org.assertj.core.api.Assertions.assertThat;

import im.infra.config.Namespace;
import org.junit.jupiter.api.Test;

class SeataClientTest {
    @Test
    void applicationId_shouldCarryTheNamespace_soStacksSharingAServerNeverStandInForEachOther() {
        assertThat(SeataClient.applicationId("im-redpacket", new Namespace("dev"))).isEqualTo("im-redpacket-dev");
        assertThat(SeataClient.applicationId("im-redpacket", new Namespace("t1a2b3c4d")))
                .isNotEqualTo(SeataClient.applicationId("im-redpacket", new Namespace("dev")))
                .doesNotContain(":"); // Seata splits its client ids (application:ip:port) on ':'
    }
}
