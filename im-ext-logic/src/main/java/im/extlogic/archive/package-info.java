/**
 * Archive indexing: the message events of RocketMQ become documents of monthly Elasticsearch
 * indices behind one alias, routed by tenant, written in bounded bulks
 * ({@link im.extlogic.archive.BulkArchiver}); old months are dropped by
 * {@link im.extlogic.archive.ArchiveRetention}.
 */
package im.extlogic.archive;
