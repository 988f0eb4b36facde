package im.infra.config;

/**
 * What every service process reads besides its own settings: its identity, its ports and where the
 * shared infrastructure is. Defaults are the development layout that {@code deploy/imctl} starts.
 *
 * @param serviceName  the service, e.g. {@code im-logic}; also its Dubbo group for {@code PingService}
 * @param instanceId   unique among running instances of the service (key {@code instance.id})
 * @param bindHost     address every listener binds to (key {@code bind.host}, default 127.0.0.1)
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
 */
public record CommonSettings(String serviceName, String instanceId, String bindHost, int dubboPort, int adminPort,
                             String zkAddress, Namespace namespace, String registryGroup, int dubboTimeoutMillis) {

    public CommonSettings {
        if (namespace == null) {
            throw new ConfigException("namespace must be given");
        }
        if (registryGroup == null || !registryGroup.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new ConfigException("key 'dubbo.registry.group' must be letters, digits, '.', '_' or '-', was '"
                    + registryGroup + "'");
        }
    }

    public static CommonSettings from(ImConfig c) {
        String name = c.string("service.name");
        return new CommonSettings(
                name,
                c.string("instance.id", name + "-0"),
                c.string("bind.host", "127.0.0.1"),
                c.intValue("dubbo.port", 1, 65535),
                c.intValue("admin.port", 1, 65535),
                c.string("zk.address", "127.0.0.1:2181"),
                Namespace.from(c),
                c.string("dubbo.registry.group", "dubbo"),
                c.intValue("dubbo.timeout.ms", 3000, 100, 120_000));
    }

    /**
     * The ZooKeeper root of this process's Dubbo registry, without the leading slash:
     * {@code im/<namespace>/<registryGroup>}, e.g. {@code im/dev/dubbo}.
     */
    public String registryRoot() {
        return namespace.zkRoot() + "/" + registryGroup;
    }
}
