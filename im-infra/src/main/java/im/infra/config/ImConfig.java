package im.infra.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One service's configuration: {@code shared.properties} beside the service's own file, then the
 * service file, then environment overrides, later sources winning. An environment variable
 * {@code IM_<KEY>} overrides {@code key}, with the key upper-cased and {@code .} and {@code -}
 * turned into {@code _} ({@code dubbo.port} -> {@code IM_DUBBO_PORT}).
 *
 * <p>Values may name the deployment's namespace as {@code ${namespace}} (key {@code namespace},
 * default {@code dev}, see {@link Namespace}); it is replaced after the environment is applied, so
 * {@code db.msg.urls=jdbc:mariadb://127.0.0.1:3306/im_${namespace}_msg_0} reads {@code im_dev_msg_0}
 * by default and {@code im_s2_msg_0} with {@code IM_NAMESPACE=s2}. The namespace is validated when
 * the configuration is built.
 *
 * <p>Immutable. Every typed getter validates and names the offending key in its
 * {@link ConfigException}, so a bad deployment fails at start-up with the diagnosis.
 */
public final class ImConfig {
    public static final String SHARED_FILE = "shared.properties";

    /** The values as read, before {@code ${namespace}} is replaced: {@link #with} derives from these. */
    private final Map<String, String> raw;
    private final Map<String, String> values;
    private final String origin;

    private ImConfig(Map<String, String> raw, String origin) {
        this.raw = Collections.unmodifiableMap(new TreeMap<>(raw));
        String namespace = new Namespace(raw.getOrDefault(Namespace.KEY, Namespace.DEFAULT)).name();
        Map<String, String> resolved = new TreeMap<>();
        raw.forEach((k, v) -> resolved.put(k, v.replace(Namespace.PLACEHOLDER, namespace)));
        this.values = Collections.unmodifiableMap(resolved);
        this.origin = origin;
    }

    /** Loads {@code file} (and {@code shared.properties} in its folder) with environment overrides. */
    public static ImConfig load(Path file) {
        return load(file, System.getenv());
    }

    static ImConfig load(Path file, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>();
        Path shared = file.toAbsolutePath().getParent().resolve(SHARED_FILE);
        if (Files.isRegularFile(shared) && !shared.equals(file.toAbsolutePath())) {
            merged.putAll(read(shared));
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file.toAbsolutePath());
        }
        merged.putAll(read(file));
        applyEnvironment(merged, env);
        return new ImConfig(merged, file.toString());
    }

    /** A configuration made of the given pairs plus environment overrides; for tools and tests. */
    public static ImConfig of(Map<String, String> values, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>(values);
        applyEnvironment(merged, env);
        return new ImConfig(merged, "inline");
    }

    private static void applyEnvironment(Map<String, String> merged, Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("IM_")) {
                continue;
            }
            String wanted = name.substring(3);
            boolean matched = false;
            for (String key : List.copyOf(merged.keySet())) {
                if (envName(key).equals(wanted)) {
                    merged.put(key, e.getValue());
                    matched = true;
                }
            }
            if (!matched) {
                // A key the files do not mention: keep it under its lower-case dotted form.
                merged.put(wanted.toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue());
            }
        }
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k.toString().trim(), v.toString().trim()));
        return m;
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new ConfigException("missing required key '" + key + "' (or env " + "IM_" + envName(key)
                    + ") in " + origin);
        }
        return v;
    }

    public String string(String key, String defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : v;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        return parseInt(key, v, min, max);
    }

    public int intValue(String key, int min, int max) {
        return parseInt(key, string(key), min, max);
    }

    private int parseInt(String key, String v, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("key '" + key + "' must be an integer, was '" + v + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException("key '" + key + "' must be in [" + min + ", " + max + "], was " + parsed);
        }
        return parsed;
    }

    /**
     * An IP address literal to bind or advertise ({@code 127.0.0.1}, {@code 10.0.0.5}, {@code 0.0.0.0},
     * {@code ::1}), never a host name: a name would be resolved at every start and could resolve to an
     * address the operator did not mean to open.
     */
    public String ipAddress(String key, String defaultValue) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            v = defaultValue;
        }
        if (!IpLiterals.isLiteral(v)) {
            throw new ConfigException("key '" + key + "' must be an IP address literal such as 127.0.0.1, was '"
                    + v + "'");
        }
        return v;
    }

    /** A comma-separated list; blank entries are dropped. Empty when the key is absent. */
    public List<String> list(String key) {
        String v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isEmpty();
    }

    /** Every key that starts with {@code prefix}, the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * A copy with {@code key} set to {@code value}; for tools that derive one instance's config. Setting
     * {@code namespace} re-resolves every {@code ${namespace}} of the original values.
     */
    public ImConfig with(String key, String value) {
        Map<String, String> m = new TreeMap<>(raw);
        m.put(key, value);
        return new ImConfig(m, origin);
    }

    @Override
    public String toString() {
        return "ImConfig{" + origin + ", " + values.size() + " keys}";
    }
}
