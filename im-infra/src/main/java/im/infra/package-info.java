/**
 * Infrastructure shared by the service tiers: configuration, process lifecycle, the admin port,
 * Dubbo bootstrap, and small factories for every third-party client (MySQL through ShardingSphere,
 * Redis, ZooKeeper, RocketMQ, Elasticsearch, Seata). No business logic.
 */
package im.infra;
