/**
 * Dubbo extensions behind {@link im.infra.dubbo.DubboNode}: a transporter that binds (and connects to)
 * addresses as configured, and a registry customizer that advertises the configured address.
 * Registered with Dubbo's SPI files under {@code META-INF/dubbo/}; nothing else uses them directly.
 */
package im.infra.dubbo.support;
