/** Tenants (enterprises), created by the platform admin with their first tenant admin. */
package im.org.tenant;
