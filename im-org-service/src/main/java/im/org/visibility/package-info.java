/** Visibility rules per department ({@code PUT /admin/visibility/{departmentId}}); evaluated by im.org.authz. */
package im.org.visibility;
