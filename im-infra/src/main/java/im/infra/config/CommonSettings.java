package im.infra.config;

/**
 * What every service process reads besides its own settings: its identity, its ports and where the
 * shared infrastructure is. Defaults are the development layout that {@code deploy/imctl} starts.
 *
 * @param serviceName  the service, e.g. {@code im-logic}; also its Dubbo group for {@code PingService}
 * @param instanceId   unique among running instances of the service (key {@code instance.id})
 * @param internalHost address the internal listeners bind to: the Dubbo port and the admin port (key
 *                     {@code bind.internal.host}, an IP literal, default 127.0.0.1). Client listeners have
 *                     their own key, {@code bind.client.host} (im-access); see docs/security.md
 * @param dubboPort    Dubbo protocol port (key {@code dubbo.port})
 * @param adminPort    HTTP port of {@code /health} and {@code /metrics} (key {@code admin.port})
 * @param zkAddress    ZooKeeper connect string (key {@code zk.address}, default 127.0.0.1:2181)
 * @param namespace    the deployment this process belongs to (key {@code namespace}, default {@code dev};
 *                     see {@link Namespace})
 * @param registryGroup the registry inside the namespace (key {@code dubbo.registry.group}, default
 *                     {@code dubbo}); processes see only providers under the same
 *                     {@link #registryRoot()}, which lets tests run their own processes side by side
 * @param dubboTimeoutMillis default timeout of every Dubbo call this process makes
 *                     (key {@code dubbo.timeout.ms}, default 3000)
 * @param dubboAdvertiseHost the address other processes are told to call this one's Dubbo port at (key
 *                     {@code dubbo.advertise.host}, an IP literal, default {@code internalHost}; required
 *                     when {@code internalHost} is a wildcard, which cannot be called)
 */
public record CommonSettings(String serviceName, String instanceId, String internalHost, int dubboPort, int adminPort,
                             String zkAddress, Namespace namespace, String registryGroup, int dubboTimeoutMillis,
                             String dubboAdvertiseHost) {

    /** The key that bound every listener before the client and internal addresses were separated. */
    static final String RETIRED_BIND_KEY = "bind.host";

    public CommonSettings {
        if (!IpLiterals.isLiteral(internalHost)) {
            throw new ConfigException("key 'bind.internal.host' must be an IP address literal such as 127.0.0.1, was '"
                    + internalHost + "'");
        }
        if (!IpLiterals.isLiteral(dubboAdvertiseHost) || IpLiterals.isWildcard(dubboAdvertiseHost)) {
            throw new ConfigException("key 'dubbo.advertise.host' must be the IP address other processes reach this"
                    + " one at (required when bind.internal.host is a wildcard), was '" + dubboAdvertiseHost + "'");
        }
        if (namespace == null) {
            throw new ConfigException("namespace must be given");
        }
        if (registryGroup == null || !registryGroup.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new ConfigException("key 'dubbo.registry.group' must be letters, digits, '.', '_' or '-', was '"
                    + registryGroup + "'");
        }
    }

    /** Settings of a node that advertises where it binds (tests and tools: {@code internalHost} is not a wildcard). */
    public CommonSettings(String serviceName, String instanceId, String internalHost, int dubboPort, int adminPort,
                          String zkAddress, Namespace namespace, String registryGroup, int dubboTimeoutMillis) {
        this(serviceName, instanceId, internalHost, dubboPort, adminPort, zkAddress, namespace, registryGroup,
                dubboTimeoutMillis, internalHost);
    }

    public static CommonSettings from(ImConfig c) {
        if (c.has(RETIRED_BIND_KEY)) {
            throw new ConfigException("key '" + RETIRED_BIND_KEY + "' is retired: set 'bind.client.host' (gateway and"
                    + " HTTP listeners) and 'bind.internal.host' (Dubbo and admin ports) instead");
        }
        String name = c.string("service.name");
        String internal = c.ipAddress("bind.internal.host", "127.0.0.1");
        return new CommonSettings(
                name,
                c.string("instance.id", name + "-0"),
                internal,
                c.intValue("dubbo.port", 1, 65535),
                c.intValue("admin.port", 1, 65535),
                c.string("zk.address", "127.0.0.1:2181"),
                Namespace.from(c),
                c.string("dubbo.registry.group", "dubbo"),
                c.intValue("dubbo.timeout.ms", 3000, 100, 120_000),
                c.ipAddress("dubbo.advertise.host", internal));
    }

    /** {@code host:port} of this process's Dubbo port as other processes call it. */
    public String dubboAddress() {
        return dubboAdvertiseHost + ":" + dubboPort;
    }

    /**
     * The ZooKeeper root of this process's Dubbo registry, without the leading slash:
     * {@code im/<namespace>/<registryGroup>}, e.g. {@code im/dev/dubbo}.
     */
    public String registryRoot() {
        return namespace.zkRoot() + "/" + registryGroup;
    }
}
