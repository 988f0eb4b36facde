/** Dubbo API bootstrap with the ZooKeeper registry, without a container. */
package im.infra.dubbo;
