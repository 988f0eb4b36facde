package im.client.bench;

import im.client.HttpApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Phase "send" of {@code im-bench redpacket}: each sender has one thread that sends small RANDOM
 * packets into the group back to back ({@code POST /redpackets}, one in flight per sender) until the
 * phase's count is reached or its deadline passes. Latency is per request, over every answer.
 */
final class SendPhase {
    /** The figures; {@code debited[i]} is what sender i's successful sends took from its wallet. */
    record Result(int attempted, long firstSendAt, long lastAnswerAt, AnswerTally answers, Latencies latency,
                  long[] debited) {

        double sendsPerSecond() {
            return ImBench.perSecond(answers.count(AnswerTally.OK), firstSendAt, lastAnswerAt);
        }
    }

    private SendPhase() {
    }

    static Result run(HttpApi api, List<WorkerSpec.BenchUser> senders, long groupId, int packets, long amount,
                      int count, long deadlineNanos) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AnswerTally answers = new AnswerTally();
        Latencies latency = new Latencies();
        AtomicLongArray debited = new AtomicLongArray(senders.size());
        AtomicLong lastAnswer = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long first = System.nanoTime();
        for (int i = 0; i < senders.size(); i++) {
            int s = i;
            String token = senders.get(i).token();
            Thread t = new Thread(() -> {
                while (next.getAndIncrement() < packets && System.nanoTime() < deadlineNanos) {
                    long t0 = System.nanoTime();
                    try {
                        api.sendRedPacket(token, "GROUP", groupId, amount, count, "RANDOM", "im-bench send");
                        answers.ok();
                        debited.addAndGet(s, amount);
                    } catch (IOException | RuntimeException e) {
                        answers.failed(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long t1 = System.nanoTime();
                    latency.recordNanos(t1 - t0);
                    lastAnswer.accumulateAndGet(t1, Math::max);
                }
            }, "bench-send-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000 + 60_000));
        }
        long[] out = new long[senders.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = debited.get(i);
        }
        return new Result((int) Math.min(packets, answers.total()), first, lastAnswer.get(), answers, latency, out);
    }
}
