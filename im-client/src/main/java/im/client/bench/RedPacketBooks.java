package im.client.bench;

import im.client.HttpApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The money of a red-packet run checked from both sides: what the grab and send answers said against
 * what the server shows ({@code GET /redpackets/{id}}, {@code GET /wallet}). Each check returns the
 * differences in words, an empty list when the books agree. Pure functions.
 */
final class RedPacketBooks {
    /** Differences listed one by one before the rest are only counted. */
    static final int LISTED = 10;

    private RedPacketBooks() {
    }

    /**
     * One hot packet after every contender grabbed it once.
     *
     * @param total      the packet's amount in cents
     * @param count      its shares
     * @param contenders how many users grabbed
     * @param won        user -> amount, from the successful grab answers
     * @param shown      the packet as {@code GET /redpackets/{id}} shows it afterwards
     */
    static List<String> checkPacket(long total, int count, int contenders, Map<Long, Long> won,
                                    HttpApi.RedPacket shown) {
        List<String> out = new ArrayList<>();
        int expectedWins = Math.min(count, contenders);
        long sum = won.values().stream().mapToLong(Long::longValue).sum();
        if (won.size() != expectedWins) {
            out.add(won.size() + " grabs answered with an amount, expected min(count " + count + ", contenders "
                    + contenders + ") = " + expectedWins);
        }
        won.forEach((user, amount) -> {
            if (amount < 1) {
                out.add("user " + user + " was answered " + amount + " cents (every share is at least 1 cent)");
            }
        });
        if (sum > total || (expectedWins == count && sum != total)) {
            out.add("the answered amounts sum to " + sum + " cents, the packet holds " + total);
        }
        if (shown.totalAmount() != total || shown.count() != count) {
            out.add("the packet shows " + shown.totalAmount() + " cents in " + shown.count() + " shares, sent as "
                    + total + " in " + count);
        }
        if (shown.remainingAmount() != total - sum || shown.remainingCount() != count - won.size()) {
            out.add("the packet shows " + shown.remainingAmount() + " cents in " + shown.remainingCount()
                    + " shares remaining, the answers leave " + (total - sum) + " in " + (count - won.size()));
        }
        Map<Long, Long> listed = new HashMap<>();
        for (HttpApi.Grab g : shown.grabs()) {
            if (listed.put(g.userId(), g.amount()) != null) {
                out.add("user " + g.userId() + " is listed twice among the packet's grabs");
            }
        }
        out.addAll(compare("answered", won, "listed", listed));
        return out;
    }

    /**
     * Balances against what they should be; users in either map, a missing balance counts as 0.
     *
     * @param what e.g. "contender" or "sender", for the messages
     */
    static List<String> checkBalances(String what, Map<Long, Long> expected, Map<Long, Long> actual) {
        List<String> out = new ArrayList<>();
        TreeSet<Long> users = new TreeSet<>(expected.keySet());
        users.addAll(actual.keySet());
        long expectedSum = 0;
        long actualSum = 0;
        int differing = 0;
        for (long user : users) {
            long e = expected.getOrDefault(user, 0L);
            long a = actual.getOrDefault(user, 0L);
            expectedSum += e;
            actualSum += a;
            if (e != a) {
                if (++differing <= LISTED) {
                    out.add(what + " " + user + " holds " + a + " cents, expected " + e);
                }
            }
        }
        if (differing > 0) {
            out.add(differing + " " + what + " balance(s) differ: " + what + "s hold " + actualSum
                    + " cents in all, expected " + expectedSum);
        }
        return out;
    }

    /** Entries of {@code a} and {@code b} that differ, at most {@link #LISTED} named. */
    private static List<String> compare(String aName, Map<Long, Long> a, String bName, Map<Long, Long> b) {
        List<String> out = new ArrayList<>();
        TreeSet<Long> users = new TreeSet<>(a.keySet());
        users.addAll(b.keySet());
        int differing = 0;
        for (long user : users) {
            Long x = a.get(user);
            Long y = b.get(user);
            if (x != null && x.equals(y)) {
                continue;
            }
            if (++differing <= LISTED) {
                out.add("user " + user + ": " + (x == null ? "not " + aName : aName + " " + x + " cents") + ", "
                        + (y == null ? "not " + bName : bName + " " + y + " cents"));
            }
        }
        if (differing > LISTED) {
            out.add((differing - LISTED) + " more user(s) differ between the " + aName + " and the " + bName
                    + " grabs");
        }
        return out;
    }
}
