package im.client.cli;

/** Cents as a person reads them: {@code 12345} is {@code 123.45}. */
final class Cents {
    private Cents() {
    }

    static String format(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
    }
}
