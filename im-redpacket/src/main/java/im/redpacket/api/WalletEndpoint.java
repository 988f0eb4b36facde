package im.redpacket.api;

import im.api.ErrorCode;
import im.api.ImException;
import im.api.org.Caller;
import im.api.redpacket.WalletService;
import im.infra.audit.AuditLog;
import im.redpacket.org.Conversations;
import im.redpacket.tx.Transactions;
import im.redpacket.wallet.LedgerKind;
import im.redpacket.wallet.WalletStore;
import javax.sql.DataSource;

/**
 * The Dubbo provider of {@link WalletService}. Top-ups are written under the global lock (a send's
 * debit of the same wallet may be in flight) and audited to {@code im.audit.wallet}. Thread-safe.
 */
public final class WalletEndpoint implements WalletService {
    private static final AuditLog audit = AuditLog.of("wallet");

    private final DataSource walletTx;
    private final WalletStore wallets;
    private final Conversations org;

    public WalletEndpoint(DataSource walletTx, WalletStore wallets, Conversations org) {
        this.walletTx = walletTx;
        this.wallets = wallets;
        this.org = org;
    }

    @Override
    public long balance(Caller caller) throws ImException {
        checkCaller(caller);
        return Guard.call("read balance", () -> wallets.balance(caller.userId()));
    }

    @Override
    public long topUp(Caller caller, long userId, long amount, String topUpId) throws ImException {
        Guard.check(caller != null && caller.tenantId() >= 0 && caller.userId() >= 0, "invalid caller");
        Guard.check(userId > 0, "userId must be a positive id");
        Guard.check(amount > 0 && amount <= MAX_TOP_UP, "amount must be 1.." + MAX_TOP_UP + " cents");
        Guard.check(topUpId != null && !topUpId.isBlank() && topUpId.length() <= 64, "topUpId must be 1..64 characters");
        org.requireTenantAdmin(caller);
        if (!org.isUserOfTenant(caller, userId)) {
            throw ImException.stackless(ErrorCode.NOT_FOUND, "no such user in your tenant");
        }
        String key = "topup:" + caller.tenantId() + ":" + topUpId;
        return Guard.call("top up", () -> {
            boolean fresh = Transactions.underGlobalLock(walletTx, c -> {
                boolean applied = wallets.credit(c, userId, caller.tenantId(), amount, key, LedgerKind.TOP_UP, 0,
                        caller.userId());
                if (!applied) {
                    c.rollback();
                }
                return applied;
            });
            if (fresh) {
                audit(caller, userId, amount, topUpId);
            }
            return wallets.balance(userId);
        });
    }

    /** The audit line of an applied top-up; {@code topUpId} is the client's, so it is written quoted and escaped. */
    static void audit(Caller operator, long userId, long amount, String topUpId) {
        audit.write("Top-up", "tenantId", operator.tenantId(), "operator", operator.userId(), "userId", userId,
                "amount", amount, "topUpId", topUpId);
    }

    private static void checkCaller(Caller caller) throws ImException {
        Guard.check(caller != null, "invalid caller");
        if (caller.isPlatformAdmin()) {
            throw ImException.stackless(ErrorCode.FORBIDDEN, "the platform admin has no wallet");
        }
        Guard.check(caller.tenantId() > 0 && caller.userId() > 0, "invalid caller");
    }
}
