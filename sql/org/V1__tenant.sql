-- Tenants (enterprises). The organisation schema grows with im-org-service.
CREATE TABLE IF NOT EXISTS tenant (
  id          BIGINT       NOT NULL PRIMARY KEY,
  code        VARCHAR(64)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  created_at  BIGINT       NOT NULL,
  UNIQUE KEY uk_tenant_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
