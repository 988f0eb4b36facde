package im.access.http;

/** The body of every error answer: {@code {"code": 1000, "message": "..."}}. */
public record ErrorBody(int code, String message) {
}
