/** The Dubbo provider of {@link im.api.message.MessageService}. */
package im.logic.api;
