package im.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.redpacket.send.SendHandler;
import im.redpacket.support.RedPacketNode;
import im.redpacket.support.TestConversations;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import im.testkit.Stack;
import im.testkit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a node killed or stalled at the wrong instant leaves behind (issue 15, {@code RedPacketCrashIT}
 * finds these end to end): a Seata global transaction that outlived its timeout and was rolled back
 * under a commit that did not throw. One in-process node on the real MariaDB, Redis, RocketMQ and Seata
 * server.
 */
@ExtendWith(StackExtension.class)
class RedPacketRecoveryIT {
    private static final long TENANT = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long GROUP = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final long ADMIN = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private static final List<Long> MEMBERS = new ArrayList<>();
    private static RedPacketNode node;

    @BeforeAll
    static void start(Stack stack) throws Exception {
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        for (int i = 0; i < 20; i++) {
            MEMBERS.add(first + i);
        }
        node = new RedPacketNode(stack, RedPacketNode.settings(), new TestConversations(TENANT).group(GROUP, MEMBERS)
                .admin(ADMIN), p -> 0, SendHandler::newPacketId);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static Caller user(int i) {
        return new Caller(TENANT, MEMBERS.get(i));
    }

    private static void topUp(int i, long amount) throws ImException {
        node.core.wallet().topUp(new Caller(TENANT, ADMIN), MEMBERS.get(i), amount,
                "recovery-" + ThreadLocalRandom.current().nextLong());
    }

    @Test
    void globalTransaction_shouldNotReportACommit_whenSeataRolledItBackForItsTimeout() throws Exception {
        topUp(6, 1000);
        long user = MEMBERS.get(6);
        WalletStore wallets = new WalletStore(node.walletPool, node.clock);
        Transactions shortLived = new Transactions(1000);
        Transactions.Outcome[] outcome = new Transactions.Outcome[1];

        assertThatThrownBy(() -> shortLived.global("it-timeout", () -> {
            Transactions.local(node.walletTx, c -> {
                wallets.debit(c, user, TENANT, 400, "it-timeout:" + user, LedgerKind.SEND, 0);
                return null;
            });
            pause(4000); // the server times the transaction out (it checks every second) and rolls it back
            return null;
        }, outcome)).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

        assertThat(outcome[0]).isNotEqualTo(Transactions.Outcome.COMMITTED);
        awaitBalance(user, 1000);
        assertThat(node.ledgerSum(user)).isEqualTo(1000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitBalance(long user, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (node.balance(user) != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(node.balance(user)).isEqualTo(expected);
    }
}
