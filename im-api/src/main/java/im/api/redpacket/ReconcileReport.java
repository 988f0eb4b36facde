package im.api.redpacket;

import java.io.Serializable;
import java.util.List;

/**
 * What a reconciliation found.
 *
 * @param walletsChecked wallets whose ledger sum was compared with the balance
 * @param packetsChecked packets whose grabs, remaining and refund were compared with the total
 * @param differences    one line per difference, empty when the books agree
 */
public record ReconcileReport(int walletsChecked, int packetsChecked, List<String> differences)
        implements Serializable {
    public ReconcileReport {
        differences = List.copyOf(differences);
    }
}
