/** Elasticsearch, the message archive: client construction. */
package im.infra.es;
