package im.client.cli;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code im-cli wallet}: your balance; {@code im-cli wallet topup USER_ID CENTS} (tenant admins) credits
 * a user. Amounts are cents.
 */
@Command(name = "wallet", description = "Your wallet's balance in cents (HTTP API).")
final class WalletCommand implements Callable<Integer> {
    @ParentCommand
    ImCli cli;

    @Override
    public Integer call() throws Exception {
        try (Session s = Session.login(cli)) {
            long balance = s.api().balance(s.token());
            cli.out().result("balance " + Cents.format(balance), Map.of("ok", true, "balance", balance));
            return ExitCodes.OK;
        }
    }

    @Command(name = "topup", description = "Top up a user's wallet (tenant admins).")
    int topUp(@Parameters(index = "0", paramLabel = "USER_ID", converter = IdConverter.class) long user,
              @Parameters(index = "1", paramLabel = "CENTS", description = "amount in cents") long amount)
            throws Exception {
        try (Session s = Session.login(cli)) {
            long balance = s.api().topUp(s.token(), user, amount, UUID.randomUUID().toString());
            cli.out().result("user " + user + " balance " + Cents.format(balance),
                    Map.of("ok", true, "userId", Long.toString(user), "balance", balance));
            return ExitCodes.OK;
        }
    }
}
