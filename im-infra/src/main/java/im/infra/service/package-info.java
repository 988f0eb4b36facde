/** What every service process shares: {@link im.infra.service.ServiceHost} and the ping endpoint. */
package im.infra.service;
