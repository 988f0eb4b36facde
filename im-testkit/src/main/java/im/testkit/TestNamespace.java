package im.testkit;

import im.infra.config.Namespace;
import java.security.SecureRandom;

/**
 * The stack namespace of this test run: everything the tests create on the shared servers (Redis keys,
 * RocketMQ topics and groups, ZooKeeper paths, databases, the processes they start) lives in it, so
 * the suite passes beside a running {@code dev} stack or another run. {@code deploy/imctl test} names
 * one per run ({@code -Dim.test.namespace=t<random>}, passed to every test JVM by the parent pom);
 * without it each test JVM makes up its own {@code t<8 random characters>}. The value is fixed for the
 * life of the JVM.
 */
public final class TestNamespace {
    /** The system property that names the run's namespace. */
    public static final String PROPERTY = "im.test.namespace";
    private static final Namespace CURRENT = choose();

    private TestNamespace() {
    }

    /** This run's namespace. */
    public static Namespace current() {
        return CURRENT;
    }

    private static Namespace choose() {
        String given = System.getProperty(PROPERTY, "");
        if (!given.isBlank()) {
            return new Namespace(given.trim());
        }
        return new Namespace(random());
    }

    /** A fresh test namespace name: {@code t} and 8 lower-case letters or digits. */
    public static String random() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder("t");
        for (int i = 0; i < 8; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
