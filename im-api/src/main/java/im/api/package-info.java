/**
 * The contract between tiers and with clients: Dubbo service interfaces, DTO records, error codes
 * and the wire protocol ({@code im.proto}). No logic and no heavy dependencies live here.
 */
package im.api;
