/**
 * The department tree, stored as a <b>materialized path</b>: each department row holds
 * {@code path = "/<root id>/.../<own id>/"} and its depth.
 *
 * <p>Why not a closure table: the reads that matter are "the subtree of X" (scope checks, the
 * admin console, visibility rules, department admins) and "the ancestors of X" (the rule in force
 * for a member). With a path the subtree is one index range ({@code path LIKE '/1/7/%'}), the
 * ancestors are in the row itself (no query at all, which keeps the send check in memory), and a
 * department costs one row at any depth. A closure table needs depth-many rows per department
 * (15 levels: 15 rows), a join for every subtree read, and a move rewrites
 * subtree-size x depth rows. What a path costs instead: a move rewrites the paths of the subtree,
 * one {@code UPDATE} statement over one index range; moves are rare admin actions. Paths are at
 * most 1000 characters: with ids of up to 19 digits that is 50 levels, and the service refuses
 * deeper trees ({@link im.org.department.DepartmentEndpoint#MAX_DEPTH}).
 */
package im.org.department;
