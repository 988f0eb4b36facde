-- Issue 17: what the directory shows of an employee, and what a group shows its members.
-- Empty strings for "not set", so rows written before this version need no backfill.
ALTER TABLE org_user ADD COLUMN IF NOT EXISTS title VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE org_user ADD COLUMN IF NOT EXISTS avatar_url VARCHAR(512) NOT NULL DEFAULT '';
ALTER TABLE im_group ADD COLUMN IF NOT EXISTS announcement VARCHAR(2000) NOT NULL DEFAULT '';
