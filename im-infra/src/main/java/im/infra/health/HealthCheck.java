package im.infra.health;

/**
 * One dependency's health, asked on every {@code GET /health}. Returns a short detail when healthy
 * and throws with the reason when not. Implementations bound their own wait (a few seconds).
 */
@FunctionalInterface
public interface HealthCheck {
    String check() throws Exception;
}
