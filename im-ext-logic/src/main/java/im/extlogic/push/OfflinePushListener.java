package im.extlogic.push;

import im.api.protocol.Platform;
import im.api.push.OfflinePushCodec;
import im.api.push.OfflinePushEvent;
import im.api.push.PushDevice;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@link OfflinePushEvent#TOPIC}: applies the platform rule (only mobile devices get a
 * vendor push; desktop and web clients catch up by SYNC when they next connect), the user's muted
 * conversations and do-not-disturb hours (an event in quiet hours is dropped, not deferred: the
 * message waits in the app as unread, as in WeCom), and hands the rest to {@link PushMerger}. It
 * never calls a provider, so a failing provider cannot slow it. A full merger or an unreachable
 * Redis answers {@code RECONSUME_LATER}. Runs on RocketMQ's consume threads; stateless.
 */
public final class OfflinePushListener implements MessageListenerConcurrently {
    private static final Logger log = LoggerFactory.getLogger(OfflinePushListener.class);

    private final PushPreferences preferences;
    private final PushMerger merger;
    private final Clock clock;
    private final MeterRegistry metrics;

    public OfflinePushListener(PushPreferences preferences, PushMerger merger, Clock clock, MeterRegistry metrics) {
        this.preferences = preferences;
        this.merger = merger;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The devices that get a vendor push. */
    static List<PushDevice> pushable(List<PushDevice> devices) {
        return devices.stream().filter(d -> d.platform() == Platform.MOBILE_VALUE).toList();
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        for (MessageExt m : msgs) {
            OfflinePushEvent e;
            try {
                e = OfflinePushCodec.decode(m.getBody());
            } catch (IllegalArgumentException ex) { // redelivery cannot repair a corrupt body
                log.error("Failed to decode offline push event, skipped: {msgId={}, cause={}}", m.getMsgId(),
                        ex.getMessage());
                continue;
            }
            try {
                Optional<String> skip = skipReason(e);
                if (skip.isPresent()) {
                    metrics.counter("im.push.skipped", "reason", skip.get()).increment();
                    continue;
                }
                if (!merger.add(e, pushable(e.devices()))) {
                    metrics.counter("im.push.deferred").increment();
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            } catch (RuntimeException ex) { // Redis away: the rules are unknown, so try again later
                log.warn("Failed to apply push rules, will be redelivered: {userId={}, msgId={}, cause={}}",
                        e.userId(), e.msgId(), ex.toString());
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    private Optional<String> skipReason(OfflinePushEvent e) {
        if (pushable(e.devices()).isEmpty()) {
            return Optional.of("no_mobile_device");
        }
        if (preferences.isMuted(e.userId(), e.convType(), e.convId())) {
            return Optional.of("muted");
        }
        Optional<DoNotDisturb> dnd = preferences.doNotDisturb(e.userId());
        if (dnd.isPresent() && dnd.get().covers(clock.instant())) {
            return Optional.of("do_not_disturb");
        }
        return Optional.empty();
    }
}
