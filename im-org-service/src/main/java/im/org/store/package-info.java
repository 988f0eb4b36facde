/**
 * Persistence plumbing of im-org-service: the MyBatis-Plus {@code SqlSessionFactory} built without
 * Spring ({@link im.org.store.MyBatisFactory}) and units of work over it
 * ({@link im.org.store.Transactions}). Rows and mappers live with their feature.
 */
package im.org.store;
