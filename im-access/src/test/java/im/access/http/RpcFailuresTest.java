package im.access.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.dubbo.remoting.TimeoutException;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;

class RpcFailuresTest {

    @Test
    void noProvider_shouldNameTheServiceOfTheInterface() {
        RpcException e = new RpcException(RpcException.FORBIDDEN_EXCEPTION, "No provider available from registry "
                + "zookeeper://127.0.0.1:2181 for service im-redpacket/im.api.redpacket.RedPacketService on "
                + "consumer 127.0.0.1 use dubbo version 3.3.5, please check status of providers");

        assertThat(RpcFailures.serviceOf(e)).isEqualTo("im-redpacket");
    }

    @Test
    void timeout_shouldNameTheServiceFromItsCause() {
        RpcException e = new RpcException(RpcException.TIMEOUT_EXCEPTION, "Invoke remote method timeout.",
                new TimeoutException(false, null, "Waiting server-side response timeout. request: Request "
                        + "[data=RpcInvocation [methodName=search, attachments={interface=im.api.search.SearchService, "
                        + "path=im.api.search.SearchService}]]"));

        assertThat(RpcFailures.serviceOf(e)).isEqualTo("im-ext-logic");
    }

    @Test
    void orgCalls_shouldStillBeNamedTheOrganisationService() {
        RpcException e = new RpcException("Failed to invoke the method login in the service im.api.org.AuthService");

        assertThat(RpcFailures.serviceOf(e)).isEqualTo("im-org-service");
    }

    @Test
    void aMessageNamingNoInterface_shouldSayABackendService() {
        assertThat(RpcFailures.serviceOf(new RpcException("connection refused"))).isEqualTo(RpcFailures.UNKNOWN);
        assertThat(RpcFailures.serviceOf(new RpcException((String) null))).isEqualTo(RpcFailures.UNKNOWN);
    }
}
