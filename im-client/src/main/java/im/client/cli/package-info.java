/**
 * {@code im-cli}: the command-line client on top of the SDK. {@link im.client.cli.ImCli} is the
 * entry point and its exit codes; one-shot commands for scripts and demos, and an interactive chat.
 */
package im.client.cli;
