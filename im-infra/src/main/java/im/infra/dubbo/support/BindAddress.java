package im.infra.dubbo.support;

/**
 * The provider-URL parameters through which {@code DubboNode} tells its Dubbo extensions what the
 * configuration says: Dubbo itself cannot express a loopback bind or advertised address, because
 * {@code NetUtils.isInvalidLocalHost} treats every {@code 127.*} address as "unset" and Dubbo then binds
 * {@code 0.0.0.0} ({@code AbstractServer}) and registers the first non-loopback interface
 * ({@code ServiceConfig.findConfiguredHosts}); {@code DUBBO_IP_TO_BIND=127.0.0.1} is refused outright.
 */
public final class BindAddress {
    /** The address {@link ConfiguredBindTransporter}'s server listens on. */
    public static final String BIND_HOST_KEY = "im.bind.host";
    /** The address {@link AdvertisedAddressCustomizer} writes into the registered provider URL. */
    public static final String ADVERTISE_HOST_KEY = "im.advertise.host";
    /** The transporter name ({@code ProtocolConfig.setServer}) of {@link ConfiguredBindTransporter}. */
    public static final String TRANSPORTER = "im-netty4";

    private BindAddress() {
    }
}
