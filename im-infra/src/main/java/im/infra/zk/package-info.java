/** ZooKeeper clients for what the product keeps there besides Dubbo's registry (worker ids, loads). */
package im.infra.zk;
