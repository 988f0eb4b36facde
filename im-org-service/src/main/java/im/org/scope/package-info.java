/**
 * Who may administer what: the platform admin creates tenants, a tenant admin manages its whole
 * tenant, a department admin the subtree of its department(s). Resolved from the database on every
 * admin call, so a role change applies at once and a caller cannot claim a role.
 */
package im.org.scope;
