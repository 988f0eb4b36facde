/** im-org-service: the organisation, its rules, and authorization of every send. */
package im.org;
