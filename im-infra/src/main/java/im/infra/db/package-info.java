/**
 * Relational storage: pooled data sources, the ShardingSphere data source built from a
 * configured layout, and schema migrations with Flyway over every physical database.
 */
package im.infra.db;
