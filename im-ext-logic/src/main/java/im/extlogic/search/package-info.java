/**
 * Search over the message archive: {@link im.extlogic.search.ArchiveSearchService} exports
 * {@link im.api.search.SearchService} over Dubbo; employees see their own conversations, tenant
 * admins the whole tenant with every search audited ({@link im.extlogic.search.SearchAudit}).
 */
package im.extlogic.search;
