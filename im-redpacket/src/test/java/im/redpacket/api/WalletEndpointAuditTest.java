package im.redpacket.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.api.org.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WalletEndpointAuditTest {
    private final Logger trail = (Logger) LoggerFactory.getLogger("im.audit.wallet");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        trail.addAppender(lines);
    }

    @AfterEach
    void release() {
        trail.detachAppender(lines);
    }

    @Test
    void audit_shouldQuoteTheClientsTopUpId_soANewlineOrQuoteCannotForgeALine() {
        String hostile = "x\"}\n2026-12-03 INFO im.audit.wallet - Top-up: {tenantId=1, operator=1, userId=666,"
                + " amount=99999, topUpId=\"y";

        WalletEndpoint.audit(new Caller(7, 8), 9, 500, hostile);

        assertThat(lines.list).hasSize(1);
        String line = lines.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("Top-up: {tenantId=7, operator=8, userId=9, amount=500, topUpId=\"x\\\"}\\n2026-12-03 INFO"
                        + " im.audit.wallet - Top-up: {tenantId=1, operator=1, userId=666, amount=99999,"
                        + " topUpId=\\\"y\"}");
    }

    @Test
    void audit_shouldWriteAnOrdinaryTopUpIdAsAQuotedLiteral() {
        WalletEndpoint.audit(new Caller(7, 8), 9, 500, "batch-2026-12\u2028");

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Top-up: {tenantId=7, operator=8, userId=9, amount=500, topUpId=\"batch-2026-12\\u2028\"}");
    }
}
