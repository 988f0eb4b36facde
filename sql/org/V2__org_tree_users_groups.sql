-- The organisation: department tree (materialized path), users, roles, visibility rules, groups.
-- Ids come from AUTO_INCREMENT: the org database is one physical database, ids are unique in it.
ALTER TABLE tenant MODIFY id BIGINT NOT NULL AUTO_INCREMENT;

-- path: the ids from the root down to this department, each followed by '/': '/12/40/41/'.
-- A subtree is one index range (path LIKE '/12/40/%'); see im.org.department.package-info.
CREATE TABLE IF NOT EXISTS department (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id   BIGINT        NOT NULL,
  parent_id   BIGINT        NOT NULL,
  name        VARCHAR(64)   NOT NULL,
  path        VARCHAR(1000) NOT NULL,
  depth       INT           NOT NULL,
  restricted  TINYINT       NOT NULL DEFAULT 0,
  created_at  BIGINT        NOT NULL,
  UNIQUE KEY uk_department_sibling_name (tenant_id, parent_id, name),
  KEY idx_department_path (tenant_id, path(255))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- role: 0 employee, 1 tenant admin. password_hash: bcrypt ($2a$, cost from config).
CREATE TABLE IF NOT EXISTS org_user (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id      BIGINT       NOT NULL,
  account        VARCHAR(64)  NOT NULL,
  name           VARCHAR(64)  NOT NULL,
  password_hash  VARCHAR(80)  NOT NULL,
  role           TINYINT      NOT NULL DEFAULT 0,
  disabled       TINYINT      NOT NULL DEFAULT 0,
  created_at     BIGINT       NOT NULL,
  UNIQUE KEY uk_org_user_account (tenant_id, account),
  KEY idx_org_user_tenant (tenant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS user_department (
  user_id        BIGINT NOT NULL,
  department_id  BIGINT NOT NULL,
  tenant_id      BIGINT NOT NULL,
  PRIMARY KEY (user_id, department_id),
  KEY idx_user_department_dept (department_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A department admin manages the subtree of its department.
CREATE TABLE IF NOT EXISTS department_admin (
  department_id  BIGINT NOT NULL,
  user_id        BIGINT NOT NULL,
  tenant_id      BIGINT NOT NULL,
  PRIMARY KEY (department_id, user_id),
  KEY idx_department_admin_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The rule of a restricted department (department.restricted = 1): visible from these departments.
CREATE TABLE IF NOT EXISTS department_visibility (
  department_id          BIGINT NOT NULL,
  visible_department_id  BIGINT NOT NULL,
  tenant_id              BIGINT NOT NULL,
  PRIMARY KEY (department_id, visible_department_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- version: increases with every membership change (GroupMembers.version, GroupEvent.version).
CREATE TABLE IF NOT EXISTS im_group (
  id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id     BIGINT      NOT NULL,
  name          VARCHAR(64) NOT NULL,
  owner_id      BIGINT      NOT NULL,
  member_count  INT         NOT NULL,
  version       BIGINT      NOT NULL,
  dismissed     TINYINT     NOT NULL DEFAULT 0,
  created_at    BIGINT      NOT NULL,
  KEY idx_im_group_tenant (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- role: 0 member, 1 admin, 2 owner (im.api.org.GroupRole ordinals).
CREATE TABLE IF NOT EXISTS group_member (
  group_id   BIGINT  NOT NULL,
  user_id    BIGINT  NOT NULL,
  role       TINYINT NOT NULL DEFAULT 0,
  muted      TINYINT NOT NULL DEFAULT 0,
  joined_at  BIGINT  NOT NULL,
  PRIMARY KEY (group_id, user_id),
  KEY idx_group_member_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
