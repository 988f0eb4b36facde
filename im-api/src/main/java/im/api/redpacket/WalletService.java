package im.api.redpacket;

import im.api.ImException;
import im.api.org.Caller;

/**
 * Wallets in cents, exported by im-redpacket in group {@code im-redpacket}. Every change of a balance
 * is one row of an append-only ledger with a unique business key, so a replayed change is applied
 * once; no balance is ever negative.
 */
public interface WalletService {

    /** Largest single top-up: 1,000,000.00 in cents. */
    long MAX_TOP_UP = 100_000_000L;

    /**
     * The caller's balance; a user without a wallet yet has 0.
     *
     * @throws ImException {@code FORBIDDEN} for the platform admin (it has no wallet)
     */
    long balance(Caller caller) throws ImException;

    /**
     * Credits {@code amount} cents to {@code userId} of the caller's tenant. Tenant admins only; audited
     * (operator, user, amount) in the ledger and the log {@code im.audit.wallet}.
     *
     * @param topUpId the admin's id of this top-up (1..64 characters): repeating it changes nothing
     * @return the user's balance afterwards
     * @throws ImException {@code BAD_REQUEST} for an amount outside 1..{@link #MAX_TOP_UP} or a balance
     *                     that would overflow, {@code FORBIDDEN} for a caller who is not a tenant admin,
     *                     {@code NOT_FOUND} for a user not of the caller's tenant
     */
    long topUp(Caller caller, long userId, long amount, String topUpId) throws ImException;
}
