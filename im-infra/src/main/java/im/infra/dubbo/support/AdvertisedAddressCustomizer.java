package im.infra.dubbo.support;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.integration.ServiceURLCustomizer;
import org.apache.dubbo.rpc.model.ApplicationModel;

/**
 * Writes the configured advertised address ({@value BindAddress#ADVERTISE_HOST_KEY}) into every
 * provider URL before it is registered, so consumers call the address this process listens on (for
 * a loopback bind Dubbo would register the first non-loopback interface, where nothing listens).
 * A Dubbo SPI extension: Dubbo applies every registered customizer to each registered URL. Stateless.
 */
public final class AdvertisedAddressCustomizer implements ServiceURLCustomizer {

    @Override
    public URL customize(URL url, ApplicationModel applicationModel) {
        String host = url.getParameter(BindAddress.ADVERTISE_HOST_KEY);
        if (host == null) {
            return url;
        }
        return url.setHost(host).addParameter("anyhost", false);
    }

    @Override
    public int getPriority() {
        return MIN_PRIORITY; // after Dubbo's own customizer, so nothing resets the host
    }
}
