/**
 * The web apps of {@code im-web/} (admin console, employee client, their TypeScript SDK) tested
 * against the real stack in Debian's Chromium, driven by playwright-core from Node.js.
 */
package im.systemtest.web;
