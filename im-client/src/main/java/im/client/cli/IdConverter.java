package im.client.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Ids of users, groups and messages on the command line: positive decimal numbers. The HTTP API
 * has no directory that plain users may read, so accounts ({@code bob}) are not resolved here.
 */
final class IdConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        long id;
        try {
            id = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an id: ids are positive numbers "
                    + "(`im-cli login` prints your own user id; group ids come from `im-cli group create`)");
        }
        if (id <= 0) {
            throw new TypeConversionException("'" + value + "' is not an id: ids are positive numbers");
        }
        return id;
    }
}
