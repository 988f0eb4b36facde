package im.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.client.HttpApi;
import im.client.ImClientException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The red-packet benchmark's books (answers against the server's record) and its answer tally. */
class RedPacketBooksTest {

    private static HttpApi.RedPacket shown(long total, int count, long remaining, int remainingCount,
                                           List<HttpApi.Grab> grabs) {
        return new HttpApi.RedPacket(1, 2, "GROUP", 3, "RANDOM", "", total, count, remaining, remainingCount, 0,
                "ACTIVE", 0, grabs);
    }

    @Test
    void checkPacket_shouldFindNothing_whenAnswersAndRecordAgree() {
        Map<Long, Long> won = Map.of(10L, 60L, 11L, 40L);
        HttpApi.RedPacket p = shown(100, 2, 0, 0, List.of(new HttpApi.Grab(11, 40, 5), new HttpApi.Grab(10, 60, 4)));

        assertThat(RedPacketBooks.checkPacket(100, 2, 5, won, p)).isEmpty();
    }

    @Test
    void checkPacket_shouldExpectOneWinPerContender_whenThereAreFewerContendersThanShares() {
        Map<Long, Long> won = Map.of(10L, 30L);
        HttpApi.RedPacket p = shown(100, 3, 70, 2, List.of(new HttpApi.Grab(10, 30, 4)));

        assertThat(RedPacketBooks.checkPacket(100, 3, 1, won, p)).isEmpty();
    }

    @Test
    void checkPacket_shouldNameEveryDifference_whenMoneyIsMissingOrListedTwice() {
        Map<Long, Long> won = Map.of(10L, 60L, 11L, 30L);
        HttpApi.RedPacket p = shown(100, 3, 0, 0, List.of(new HttpApi.Grab(10, 60, 4), new HttpApi.Grab(10, 60, 5),
                new HttpApi.Grab(12, 40, 6)));

        List<String> problems = RedPacketBooks.checkPacket(100, 3, 5, won, p);

        assertThat(problems).anyMatch(s -> s.startsWith("2 grabs answered with an amount, expected"))
                .anyMatch(s -> s.contains("sum to 90 cents, the packet holds 100"))
                .anyMatch(s -> s.contains("answers leave 10 in 1"))
                .anyMatch(s -> s.equals("user 10 is listed twice among the packet's grabs"))
                .anyMatch(s -> s.equals("user 11: answered 30 cents, not listed"))
                .anyMatch(s -> s.equals("user 12: not answered, listed 40 cents"));
    }

    @Test
    void checkBalances_shouldCountMissingBalancesAsZero_andSumTheDifference() {
        List<String> problems = RedPacketBooks.checkBalances("contender", Map.of(1L, 50L, 2L, 0L, 3L, 10L),
                Map.of(1L, 50L, 3L, 7L, 4L, 1L));

        assertThat(problems).containsExactly("contender 3 holds 7 cents, expected 10",
                "contender 4 holds 1 cents, expected 0",
                "2 contender balance(s) differ: contenders hold 58 cents in all, expected 60");
        assertThat(RedPacketBooks.checkBalances("sender", Map.of(1L, 5L), Map.of(1L, 5L))).isEmpty();
    }

    @Test
    void tally_shouldCountByCodeName_httpStatus_andTransportFailure_withOkFirst() {
        AnswerTally t = new AnswerTally();
        t.failed(new ImClientException(1021, "empty"));
        t.failed(new ImClientException(1021, "empty"));
        t.ok();
        t.failed(new ImClientException(502, "bad gateway"));
        t.failed(new ExecutionException(new HttpTimeoutException("request timed out")));
        t.failed(new ImClientException(1099, "new"));

        assertThat(t.asMap()).containsExactly(Map.entry("ok", 1L), Map.entry("1021 RED_PACKET_EMPTY", 2L),
                Map.entry("1099 unknown code", 1L), Map.entry("HTTP 502", 1L),
                Map.entry("io HttpTimeoutException", 1L));
        assertThat(t.total()).isEqualTo(6);
        assertThat(t.brief()).startsWith("1 ok, 2 x 1021 RED_PACKET_EMPTY, ");
    }
}
