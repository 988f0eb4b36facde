package im.infra.config;

import java.util.regex.Pattern;

/**
 * The name of one deployment of the stack (key {@code namespace}, env {@code IM_NAMESPACE}, default
 * {@value #DEFAULT}). Everything a deployment owns on shared servers carries it, so that a test run,
 * a staging stack and production can share MariaDB, Redis, ZooKeeper, RocketMQ and Elasticsearch
 * without seeing each other:
 * <ul>
 *   <li>Redis: every object name is prefixed with {@code <namespace>:} ({@link #redisPrefix()}),
 *       through Redisson's name mapper in {@code RedissonFactory};</li>
 *   <li>RocketMQ: topics and groups are wrapped by the client namespace ({@code <namespace>%topic}),
 *       set in {@code RocketMqFactory};</li>
 *   <li>ZooKeeper: every path lives under {@code /im/<namespace>} ({@link #zkRoot()}), the Dubbo
 *       registry too ({@link CommonSettings#registryRoot()});</li>
 *   <li>databases and index names: configuration values may name {@code ${namespace}}, which
 *       {@link ImConfig} replaces ({@code im_${namespace}_msg_0} -> {@code im_dev_msg_0});</li>
 *   <li>Seata: the application id of every client is {@code <service>-<namespace>}
 *       ({@code SeataClient}), since the server lets any client of one application id stand in for
 *       another when it finishes a branch.</li>
 * </ul>
 * A name is 1..16 characters of lower-case letters, digits and {@code -}, starting with a letter:
 * it is then valid in every one of those places (database names, topic names, ZooKeeper paths).
 *
 * @param name the validated name, e.g. {@code dev}
 */
public record Namespace(String name) {
    public static final String KEY = "namespace";
    public static final String DEFAULT = "dev";
    public static final String PLACEHOLDER = "${namespace}";
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    public Namespace {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new ConfigException("key '" + KEY + "' (or env IM_NAMESPACE) must match " + VALID.pattern()
                    + " (a lower-case letter, then up to 15 lower-case letters, digits or '-'), was '" + name + "'");
        }
    }

    /** The namespace of {@code c}: key {@code namespace}, default {@value #DEFAULT}. */
    public static Namespace from(ImConfig c) {
        return new Namespace(c.string(KEY, DEFAULT));
    }

    /** The Curator namespace (ZooKeeper chroot without the leading slash) of this deployment: {@code im/<name>}. */
    public String zkRoot() {
        return "im/" + name;
    }

    /** What every Redis key of this deployment starts with: {@code <name>:}. */
    public String redisPrefix() {
        return name + ":";
    }

    @Override
    public String toString() {
        return name;
    }
}
