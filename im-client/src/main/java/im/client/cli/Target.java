package im.client.cli;

import im.api.protocol.ConvType;
import im.api.protocol.Message;
import picocli.CommandLine.Option;

/** A conversation on the command line: {@code --to USER_ID} or {@code --group GROUP_ID}, exactly one. */
final class Target {
    @Option(names = "--to", converter = IdConverter.class, required = true, paramLabel = "USER_ID",
            description = "the other user of a single chat")
    Long user;

    @Option(names = "--group", converter = IdConverter.class, required = true, paramLabel = "GROUP_ID",
            description = "a group")
    Long group;

    ConvType convType() {
        return user != null ? ConvType.SINGLE : ConvType.GROUP;
    }

    long convId() {
        return user != null ? user : group;
    }

    /** A stream entry of this conversation (SINGLE: conv_id is the other user, seen from the owner). */
    boolean contains(Message m) {
        return m.getConvType() == convType() && m.getConvId() == convId();
    }

    @Override
    public String toString() {
        return (user != null ? "user " : "group ") + convId();
    }
}
