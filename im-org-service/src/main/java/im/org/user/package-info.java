/** Employees: accounts with bcrypt passwords, in zero or more departments, enabled or disabled. */
package im.org.user;
