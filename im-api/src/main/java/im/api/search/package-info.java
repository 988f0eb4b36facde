/**
 * The message-archive search contract of im-ext-logic: {@link im.api.search.SearchService} with its
 * query and result records, called by the HTTP routes {@code /search/messages} (employees) and
 * {@code /admin/search/messages} (tenant admins).
 */
package im.api.search;
